package org.ledrl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceReadinessTest {

    private static ServiceReadiness readiness(Map<String, String> environment) {
        return new ServiceReadiness(environment, new PrintStream(System.err, true, StandardCharsets.UTF_8));
    }

    @Test
    void reportsNothingWhenNoServiceManagerAsked() {
        assertEquals(List.of(), readiness(Map.of()).command("ready"));
        assertEquals(List.of(), readiness(Map.of(ServiceReadiness.SOCKET_VARIABLE, " ")).command("ready"));
    }

    @Test
    void reportsReadyWithTheStatusUnderSystemd() {
        List<String> command = readiness(Map.of(ServiceReadiness.SOCKET_VARIABLE, "/run/systemd/notify"))
                .command("LeDRL Edge ready in 1.20 s");
        assertEquals(List.of("systemd-notify", "--ready", "--status=LeDRL Edge ready in 1.20 s"), command);
    }
}
