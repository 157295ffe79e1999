package org.ledrl.telemetry.tegrastats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.telemetry.Await;
import org.ledrl.telemetry.TestConfigs;

class TegrastatsTelemetryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(50_000);

    private static TegrastatsTelemetry.Config config(Map<String, Object> settings) {
        Map<String, Object> values = new HashMap<>(Map.of("nodeId", 7, "staleAfterMillis", 2_000L));
        values.putAll(settings);
        return TestConfigs.of(TegrastatsTelemetry.Config.class, values);
    }

    @Test
    void aLineBecomesTheNodesStatus() throws Exception {
        TegrastatsTelemetry jetson = new TegrastatsTelemetry(config(Map.of()), now::get);

        jetson.accept(TegrastatsParserTest.lines("xavier-nx.txt").get(1));

        NodeStatus status = jetson.snapshot().nodes().get(0);
        assertEquals(7, status.node());
        assertEquals(Health.UP, status.health());
        assertEquals(1.397, status.cpuGHz(), 1e-12);
        assertEquals(0.17, status.cpuLoad(), 1e-12);
        assertEquals(3168.0 / 6851, status.memoryLoad(), 1e-12);
        assertEquals(0.0, status.gpuLoad());
        assertEquals(46.5, status.temperatureC());
        assertTrue(Double.isNaN(status.queueSeconds()));
        assertEquals(50_000, status.timestampMillis());
        assertEquals("tegrastats", jetson.snapshot().source());
    }

    @Test
    void malformedLinesAreCountedAndNeverReplaceGoodStatusWhichThenGoesStale() throws Exception {
        TegrastatsTelemetry jetson = new TegrastatsTelemetry(config(Map.of("cpuGHz", 2.2)), now::get);
        jetson.accept(TegrastatsParserTest.lines("orin-nano.txt").get(0));

        now.addAndGet(1_000);
        for (String bad : TegrastatsParserTest.lines("malformed.txt")) {
            jetson.accept(bad);
        }
        jetson.accept("   ");

        assertEquals(7, jetson.rejects().total(), () -> jetson.rejects().counts().toString());
        assertEquals(3, jetson.rejects().count("no RAM field"));
        NodeStatus kept = jetson.snapshot().nodes().get(0);
        assertEquals(Health.UP, kept.health());
        assertEquals(2.2, kept.cpuGHz(), "configured frequency wins");
        assertEquals(3645.0 / 7620, kept.memoryLoad(), 1e-12);

        now.addAndGet(1_001);
        assertEquals(Health.UNKNOWN, jetson.snapshot().nodes().get(0).health());
    }

    @Test
    void badConfigurationIsRefusedWithTheKey() {
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class,
                () -> new TegrastatsTelemetry(config(Map.of("input", TegrastatsTelemetry.Input.FILE)), now::get));
        assertEquals("Configuration org.ledrl.telemetry.tegrastats: input FILE needs the file to follow", noFile.getMessage());

        IllegalArgumentException badStale = assertThrows(IllegalArgumentException.class,
                () -> new TegrastatsTelemetry(config(Map.of("staleAfterMillis", -5L)), now::get));
        assertEquals("Configuration org.ledrl.telemetry.tegrastats: staleAfterMillis must be positive, was -5",
                badStale.getMessage());
    }

    @Test
    void followsALogFileAsTegrastatsAppendsToIt() throws Exception {
        Path log = dir.resolve("tegrastats.log");
        String old = TegrastatsParserTest.lines("nano.txt").get(0);
        Files.writeString(log, old + "\n" + "RAM 1923/3964MB (lfb 2x2MB) CPU [5%@12"); // an old line and one being written
        TegrastatsTelemetry jetson = new TegrastatsTelemetry(config(Map.of("input", TegrastatsTelemetry.Input.FILE,
                "file", log.toString(), "pollMillis", 20L, "staleAfterMillis", 60_000L)));
        try {
            String fresh = TegrastatsParserTest.lines("orin-nano.txt").get(0);
            // The reader starts at the end of the file: keep appending until it has picked a line up.
            Await.until(DEADLINE, "a line appended to the log reaches the snapshot", () -> {
                append(log, "\n" + fresh);
                return !jetson.snapshot().nodes().isEmpty();
            }, () -> jetson.rejects().counts());

            NodeStatus status = jetson.snapshot().nodes().get(0);
            assertEquals(3645.0 / 7620, status.memoryLoad(), 1e-12, "the fresh line, not the old one");
            assertEquals(0, jetson.rejects().total(), "the half-written line was skipped, not parsed: "
                    + jetson.rejects().counts());
        } finally {
            jetson.deactivate();
        }
    }

    @Test
    void runsTheCommandAndReadsItsOutput() throws Exception {
        // Any command that prints tegrastats lines will do: here cat prints published Orin NX lines.
        Path sample = dir.resolve("orin-nx.out");
        Files.write(sample, TegrastatsParserTest.lines("orin-nx.txt"), StandardCharsets.ISO_8859_1);
        TegrastatsTelemetry jetson = new TegrastatsTelemetry(config(Map.of("command", "cat " + sample,
                "restartDelayMillis", 50L, "staleAfterMillis", 60_000L)));
        try {
            Await.until(DEADLINE, "the command's output reaches the snapshot",
                    () -> !jetson.snapshot().nodes().isEmpty(), () -> jetson.rejects().counts());
            assertEquals(0.1275, jetson.snapshot().nodes().get(0).cpuLoad(), 1e-12);
        } finally {
            jetson.deactivate();
        }
    }

    @Test
    void aMissingToolIsRetriedUntilItAppears() throws Exception {
        Path tool = dir.resolve("bin/tegrastats");
        TegrastatsTelemetry jetson = new TegrastatsTelemetry(config(Map.of("command", tool + " --interval 100",
                "restartDelayMillis", 20L, "maxRestartDelayMillis", 100L, "staleAfterMillis", 60_000L)));
        try {
            assertEquals(List.of(), jetson.snapshot().nodes());
            Path sample = dir.resolve("agx-xavier.out");
            Files.write(sample, TegrastatsParserTest.lines("agx-xavier.txt"), StandardCharsets.ISO_8859_1);
            Files.createDirectories(tool.getParent());
            Path script = dir.resolve("tegrastats.tmp");
            Files.writeString(script, "#!/bin/sh\ncat " + sample + "\n");
            script.toFile().setExecutable(true);
            Files.move(script, tool); // appears whole: never run half-written

            Await.until(DEADLINE, "the tool that appeared later is run", () -> !jetson.snapshot().nodes().isEmpty(),
                    () -> jetson.rejects().counts());
            assertEquals(32.0, jetson.snapshot().nodes().get(0).temperatureC());
        } finally {
            jetson.deactivate();
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
