package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees when a setting in conf/ is wrong: a component that cannot start says so at
 * ERROR in one line and in the start line, {@code status} lists it and fails; a bad change to the
 * file of a running platform is refused and the live path keeps its last good configuration; a list
 * setting is written on one line of a .cfg file, as the live bundle's README shows; a misspelt key is
 * named with the nearest real one.
 */
class OperatorFailuresIT {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    private static final Duration APPLIED_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(40);
    private static final String TOKEN = "e2e-api-token-8d1b7e6a3c";
    /** A stack frame, or a stack trace's head. */
    private static final Pattern STACK = Pattern.compile("^\\s+at [\\w.$/]+\\(|^Caused by: |^\\s+\\.\\.\\. \\d+ more");
    /** The README's example of org.ledrl.live.cfg (bundles/live/README.md). */
    static final String README_LIVE_CFG = """
            localNode = 0
            links = 0-1:25, 0-2:25, 1-2:10:4
            nodes = 0-2
            """;

    @TempDir
    Path folder;

    private final Http http = new Http();
    private Installation installation;
    private URI api;

    @BeforeEach
    void copyInstallationOnFreePorts() throws IOException {
        installation = Installation.copyInto(folder);
        installation.setProperty("org.osgi.service.http.port", String.valueOf(FreePort.find()));
        int apiPort = FreePort.find();
        write("org.ledrl.rest.cfg", "port = " + apiPort + "\n.token = " + TOKEN + "\n");
        api = URI.create("http://127.0.0.1:" + apiPort + "/api/v1/");
    }

    @Test
    void aComponentThatCannotStartSaysSoInOneLineAndInTheStartLine() throws Exception {
        write("org.ledrl.live.cfg", "localNode = 0\nlinks = 0-1:25, 0-2, 1-2:10\n");
        try (LedrlProcess platform = installation.start("--profile", "server")) {
            String start = platform.awaitLine(line -> line.startsWith("LeDRL Edge "), "start line", READY_DEADLINE);
            assertTrue(start.matches("LeDRL Edge started in [0-9.]+ s with \\d components? failed: .*"),
                    () -> String.join("\n", platform.linesSince(0, 0)));
            assertTrue(start.contains("org.ledrl.live (links: link '0-2' is not a-b:rateMBps or a-b:rateMBps:latencyMs"),
                    () -> String.join("\n", platform.linesSince(0, 0)));
            // the REST API is named too when it has reached its waiting state before the components settle
            // (a second without change); it sometimes gets there about 2 s later: its ERROR line then follows
            String error = platform.awaitLine(line -> line.contains("[ERROR]") && line.contains("(PID org.ledrl.live)"),
                    "ERROR line", APPLIED_DEADLINE);
            assertTrue(error.contains("(PID org.ledrl.live) failed to start: links: link '0-2' is not a-b:rateMBps"),
                    error);

            LedrlProcess.Result status = installation.run(READY_DEADLINE, "--profile", "server", "status");
            assertEquals(1, status.exitStatus(), status::describe);
            assertTrue(status.stdout().contains("org.ledrl.live: component failed: links: link '0-2' is not"),
                    status::describe);

            platform.terminate();
            LedrlProcess.Result stopped = platform.awaitExit(STOP_DEADLINE);
            List<String> frames = stopped.all().lines().filter(STACK.asPredicate()).toList();
            assertTrue(frames.isEmpty(), () -> "stack frames in the log: " + frames + "\n" + stopped.describe());
            System.out.println("What the operator sees at start with a bad conf/org.ledrl.live.cfg:\n"
                    + stopped.all().lines().filter(l -> l.startsWith("LeDRL Edge") || l.contains("[ERROR]")
                    || l.contains("[WARN]")).reduce((a, b) -> a + "\n" + b).orElse(""));
        }
    }

    @Test
    void aBadChangeKeepsTheLastGoodConfigurationAndListsAreWrittenOnOneLine() throws Exception {
        write("org.ledrl.live.cfg", README_LIVE_CFG);
        try (LedrlProcess platform = installation.start("--profile", "server")) {
            platform.awaitLine(line -> line.contains("ready in") && line.contains("profile server"), "ready line",
                    READY_DEADLINE);
            assertEquals(List.of("0-1", "0-2", "1-2"), configuredLinks(), "every element of the README's list");

            write("org.ledrl.live.cfg", "localNode = 0\nlinks = 0-1:25, 0-2:-4\n");
            String refused = platform.awaitLine(line -> line.contains("[ERROR]") && line.contains("last good"),
                    "ERROR line of the refused change", APPLIED_DEADLINE);
            assertTrue(refused.contains("links: link '0-2:-4' needs a rate above 0"), refused);
            HttpResponse<String> decided = postDecision();
            assertEquals(200, decided.statusCode(), decided.body());
            assertEquals(List.of("0-1", "0-2", "1-2"), configuredLinks(), "the last good configuration");

            write("org.ledrl.live.cfg", "localNode = 0\nlink = 0-1:25\n");
            String warned = platform.awaitLine(line -> line.contains("[WARN]") && line.contains("'link'"),
                    "WARN line of the misspelt key", APPLIED_DEADLINE);
            assertTrue(warned.contains("did you mean 'links'?"), warned);
            platform.terminate();
            platform.awaitExit(STOP_DEADLINE);
        }
    }

    /**
     * A component that takes a change by restarting (the MQTT decisions) fails its activation on a bad value: the
     * platform puts its last good configuration back, says so in one ERROR line, and the component runs again. One
     * that takes a change in place (the REST API) refuses it itself, in one ERROR line, and keeps answering.
     */
    @Test
    void aBadChangeOfAComponentWithoutInPlaceUpdatesPutsItsLastGoodConfigurationBack() throws Exception {
        String good = "brokerUrl = tcp://127.0.0.1:" + FreePort.find() + "\nqos = 1\nreconnectDelayMillis = 60000\n";
        write("org.ledrl.live.mqtt.cfg", good);
        try (LedrlProcess platform = installation.start("--profile", "server")) {
            platform.awaitLine(line -> line.contains("ready in") && line.contains("profile server"), "ready line",
                    READY_DEADLINE);
            assertTrue(health().path("buffers").toString().contains("live.mqtt-requests"),
                    "the MQTT decisions run with the good configuration");

            write("org.ledrl.live.mqtt.cfg", good.replace("qos = 1", "qos = 7"));
            String restored = platform.awaitLine(line -> line.contains("[ERROR]") && line.contains("last good"),
                    "ERROR line of the refused change", APPLIED_DEADLINE);
            assertTrue(restored.contains("Configuration org.ledrl.live.mqtt refused: qos must be 0, 1 or 2, was 7"),
                    restored);
            long deadline = System.nanoTime() + APPLIED_DEADLINE.toNanos();
            boolean running = false;
            while (!running && System.nanoTime() < deadline) {
                JsonNode health = health();
                running = health.path("buffers").toString().contains("live.mqtt-requests")
                        && !health.path("problems").toString().contains("org.ledrl.live.mqtt");
                Thread.sleep(200);
            }
            assertTrue(running, "the MQTT decisions run again, and health lists no problem for them");

            // the REST API takes a change in place: it refuses a bad one itself and keeps answering
            write("org.ledrl.rest.cfg", "port = 0\n.token = " + TOKEN + "\n");
            String rest = platform.awaitLine(line -> line.contains("[ERROR]") && line.contains("org.ledrl.rest refused"),
                    "ERROR line of the refused REST change", APPLIED_DEADLINE);
            assertTrue(rest.contains("keeps running on its last good configuration: host must be an address and port "
                    + "1 to 65535"), rest);
            HttpResponse<String> decided = postDecision();
            assertEquals(200, decided.statusCode(), decided.body());
            platform.terminate();
            platform.awaitExit(STOP_DEADLINE);
        }
    }

    private JsonNode health() throws Exception {
        return new ObjectMapper().readTree(http.awaitStatus(api.resolve("health"), Http.bearer(TOKEN), 200,
                APPLIED_DEADLINE).body());
    }

    private List<String> configuredLinks() throws Exception {
        HttpResponse<String> nodes = http.awaitStatus(api.resolve("nodes"), Http.bearer(TOKEN), 200, APPLIED_DEADLINE);
        JsonNode links = new ObjectMapper().readTree(nodes.body()).path("links");
        return StreamSupport.stream(links.spliterator(), false).filter(l -> l.path("configured").asBoolean())
                .map(l -> l.path("a").asInt() + "-" + l.path("b").asInt()).sorted().toList();
    }

    private HttpResponse<String> postDecision() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(api.resolve("decisions"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"sizeKB\":300,\"cyclesPerBit\":1000,\"deadlineS\":4}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void write(String file, String content) throws IOException {
        installation.writeAtomically(installation.conf().resolve(file), content.getBytes(StandardCharsets.UTF_8));
    }
}
