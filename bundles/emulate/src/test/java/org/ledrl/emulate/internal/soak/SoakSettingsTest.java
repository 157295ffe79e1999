package org.ledrl.emulate.internal.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.command.Arguments;

class SoakSettingsTest {

    private static final Path HOME = Path.of("home");

    @Test
    void defaultsAreTheIssuesLoadAndTheEdgeProfileSendsEveryDecisionOverMqtt() throws Exception {
        SoakSettings edge = SoakSettings.parse(List.of("--minutes", "60"), HOME);
        assertEquals(60, edge.minutes());
        assertEquals(0.7, edge.outcomeShare());
        assertEquals(0, edge.restDecisionsPerSecond());
        assertEquals(330, edge.mqttDecisionsPerSecond());
        assertEquals(HOME.resolve("runs/soak"), edge.out());

        SoakSettings server = SoakSettings.parse(List.of("--minutes", "1", "--profile", "server", "--rate", "100",
                "--mqtt-rate", "5", "--java-opts", "-Xmx128m", "--out", "x"), HOME);
        assertEquals(100, server.restDecisionsPerSecond());
        assertEquals(5, server.mqttDecisionsPerSecond());
        assertEquals("-Xmx128m", server.javaOptions());
        assertEquals(HOME.resolve("x"), server.out());
    }

    @Test
    void badOptionsAreUsageErrorsThatNameTheOption() {
        assertEquals("--minutes is required: a whole number of minutes, 1 or more", refused());
        assertEquals("--minutes is required: a whole number of minutes, 1 or more", refused("--minutes", "0"));
        assertEquals("--profile is edge or server, not 'cloud'", refused("--minutes", "1", "--profile", "cloud"));
        assertEquals("--outcomes is the share of decisions whose outcome is reported, from 0 to 1, not 1.5",
                refused("--minutes", "1", "--outcomes", "1.5"));
        assertEquals("--heap-slope takes a number, not 'lots'", refused("--minutes", "1", "--heap-slope", "lots"));
        assertEquals("--rate and --mqtt-rate are decisions per second from 0 to 10000, not both 0",
                refused("--minutes", "1", "--rate", "0", "--mqtt-rate", "0"));
        assertEquals("--telemetry-nodes is from 1 to 64, not 0", refused("--minutes", "1", "--telemetry-nodes", "0"));
        assertEquals("unexpected argument 'now'", refused("--minutes", "1", "now"));
    }

    private static String refused(String... args) {
        return assertThrows(Arguments.UsageException.class, () -> SoakSettings.parse(List.of(args), HOME))
                .getMessage();
    }
}
