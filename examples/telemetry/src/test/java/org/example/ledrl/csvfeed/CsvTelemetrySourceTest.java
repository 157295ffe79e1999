package org.example.ledrl.csvfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ledrl.api.model.Health;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.testkit.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the contract does not cover: a file that starts over, half-written lines, the bound on entries. */
class CsvTelemetrySourceTest {

    @TempDir
    Path dir;

    @Test
    void readsAFileThatStartsOverFromItsStart() throws Exception {
        Path file = dir.resolve("feed.csv");
        CsvTelemetrySource source = new CsvTelemetrySource(file, new ManualClock(0), Duration.ofSeconds(10), 10);
        Files.writeString(file, "# nodes\nnode,1,UP,3.0,0.5,2,1.0,0.4\nnode,2,DOWN,2.0,,0,0,\n");
        source.poll();
        Files.writeString(file, "node,1,DOWN,3.0,0.5,2,1.0,0.4\n");
        source.poll();
        TelemetrySnapshot s = source.snapshot();
        assertEquals(Health.DOWN, s.nodes().stream().filter(n -> n.node() == 1).findFirst().orElseThrow().health());
        assertTrue(Double.isNaN(s.nodes().stream().filter(n -> n.node() == 2).findFirst().orElseThrow().cpuLoad()),
                "an empty field is a value not measured");
    }

    @Test
    void waitsForTheEndOfAHalfWrittenLine() throws Exception {
        Path file = dir.resolve("feed.csv");
        CsvTelemetrySource source = new CsvTelemetrySource(file, new ManualClock(0), Duration.ofSeconds(10), 10);
        Files.writeString(file, "node,1,UP,3.0,0.5,2,1.0,0.4\nnode,2,UP,2.");
        source.poll();
        assertEquals(1, source.snapshot().nodes().size());
        Files.writeString(file, "node,1,UP,3.0,0.5,2,1.0,0.4\nnode,2,UP,2.5,0.1,0,0,0.2\n");
        source.poll();
        assertEquals(2, source.snapshot().nodes().size());
        assertEquals(0, source.malformed());
    }

    @Test
    void keepsAtMostItsBoundAndCountsTheRest() throws Exception {
        Path file = dir.resolve("feed.csv");
        CsvTelemetrySource source = new CsvTelemetrySource(file, new ManualClock(0), Duration.ofSeconds(10), 2);
        Files.writeString(file, "node,1,UP,3,0,0,0,0\nnode,2,UP,3,0,0,0,0\nnode,3,UP,3,0,0,0,0\nnode,1,DOWN,3,0,0,0,0\n");
        source.poll();
        assertEquals(2, source.snapshot().nodes().size());
        assertEquals(1, source.dropped());
    }
}
