package org.ledrl.telemetry.proc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.telemetry.TestConfigs;

class ProcTelemetryTest {

    @TempDir
    Path root;

    private final AtomicLong now = new AtomicLong(1_000_000);

    /** A writable copy of the Jetson Nano fixture tree. */
    private Path nanoCopy() throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/fixtures/jetson-nano").toURI());
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = root.resolve(fixture.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return root;
    }

    private ProcTelemetry telemetry(Path tree, Map<String, Object> settings) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("nodeId", 4, "staleAfterMillis", 3_000L,
                "procRoot", tree.resolve("proc").toString(), "sysRoot", tree.resolve("sys").toString()));
        values.putAll(settings);
        return new ProcTelemetry(TestConfigs.of(ProcTelemetry.Config.class, values), now::get);
    }

    @Test
    void samplesTheFixtureHost() throws Exception {
        Path tree = nanoCopy();
        ProcTelemetry proc = telemetry(tree, Map.of());

        proc.sample();
        NodeStatus first = proc.snapshot().nodes().get(0);
        assertEquals(4, first.node());
        assertEquals(Health.UP, first.health());
        assertTrue(Double.isNaN(first.cpuLoad()), "one reading cannot tell the load");
        assertEquals(1.479, first.cpuGHz(), 1e-12);
        assertEquals(2, first.queueLength());
        assertTrue(Double.isNaN(first.queueSeconds()));
        assertEquals(0.75, first.memoryLoad(), 1e-12);
        assertTrue(Double.isNaN(first.gpuLoad()));
        assertEquals(51.25, first.temperatureC(), 1e-12, "hottest plausible zone; -256 C is ignored");
        assertEquals(1_000_000, first.timestampMillis());

        Files.move(tree.resolve("proc/stat.next"), tree.resolve("proc/stat"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        now.addAndGet(1_000);
        proc.sample();
        NodeStatus second = proc.snapshot().nodes().get(0);
        assertEquals(0.6, second.cpuLoad(), 1e-12);
        assertEquals(1_001_000, second.timestampMillis());
        assertEquals(0, proc.rejects().total());
    }

    @Test
    void configuredFrequencyWinsOverDetection() throws Exception {
        ProcTelemetry proc = telemetry(nanoCopy(), Map.of("cpuGHz", 3.0));
        proc.sample();
        assertEquals(3.0, proc.snapshot().nodes().get(0).cpuGHz());
    }

    @Test
    void aBrokenSampleIsCountedAndTheLastGoodOneAgesIntoUnknown() throws Exception {
        Path tree = nanoCopy();
        ProcTelemetry proc = telemetry(tree, Map.of());
        proc.sample();

        Files.writeString(tree.resolve("proc/meminfo"), "MemFree: garbage\n");
        now.addAndGet(1_000);
        proc.sample();
        Files.writeString(tree.resolve("proc/meminfo"), "Buffers: 10 kB\n");
        proc.sample();
        Files.delete(tree.resolve("proc/loadavg"));
        proc.sample();
        proc.sample();

        assertEquals(1, proc.rejects().count("no MemTotal in /proc/meminfo"));
        assertEquals(1, proc.rejects().count("bad number in /proc/meminfo"));
        assertEquals(2, proc.rejects().count("unreadable file"));
        NodeStatus kept = proc.snapshot().nodes().get(0);
        assertEquals(Health.UP, kept.health(), "the last good sample is still fresh");
        assertEquals(0.75, kept.memoryLoad(), 1e-12, "nothing of the broken samples leaked in");

        now.addAndGet(2_001);
        assertEquals(Health.UNKNOWN, proc.snapshot().nodes().get(0).health());
    }

    @Test
    void aBadPeriodIsRefusedWithTheKeyAndValue() throws Exception {
        Path tree = nanoCopy();
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> telemetry(tree, Map.of("samplePeriodMillis", 0L)));
        assertEquals("Configuration org.ledrl.telemetry.proc: samplePeriodMillis must be positive, was 0",
                error.getMessage());
    }

    @Test
    void nothingSampledYetMeansNoNodes() throws Exception {
        assertEquals(List.of(), telemetry(nanoCopy(), Map.of()).snapshot().nodes());
    }

    @Test
    void readsThisHostsRealProcOnce() {
        // The real files of the machine the tests run on: formats we did not write ourselves.
        ProcTelemetry proc = new ProcTelemetry(TestConfigs.of(ProcTelemetry.Config.class, Map.of("nodeId", 1)),
                System::currentTimeMillis);
        proc.sample();
        proc.sample();

        assertEquals(0, proc.rejects().total(), () -> "rejects: " + proc.rejects().counts());
        NodeStatus status = proc.snapshot().nodes().get(0);
        assertEquals(Health.UP, status.health());
        assertTrue(status.memoryLoad() > 0 && status.memoryLoad() < 1, "memory load " + status.memoryLoad());
        assertTrue(Double.isNaN(status.cpuLoad()) || (status.cpuLoad() >= 0 && status.cpuLoad() <= 1),
                "cpu load " + status.cpuLoad());
        assertTrue(status.queueLength() >= 0);
        assertTrue(Double.isNaN(status.temperatureC()) || status.temperatureC() > -40, "temperature " + status.temperatureC());
        assertTrue(Double.isNaN(status.cpuGHz()) || status.cpuGHz() > 0.1, "cpu GHz " + status.cpuGHz());
    }
}
