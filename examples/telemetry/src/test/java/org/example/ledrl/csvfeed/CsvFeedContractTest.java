package org.example.ledrl.csvfeed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.testkit.ManualClock;
import org.ledrl.testkit.TelemetrySourceContract;
import org.junit.jupiter.api.io.TempDir;

/** The rules every telemetry source must keep, the feed being a real file the test appends to. */
class CsvFeedContractTest extends TelemetrySourceContract {

    @TempDir
    Path dir;

    @Override
    protected Subject subject(ManualClock clock) throws Exception {
        Path file = dir.resolve("telemetry.csv");
        CsvTelemetrySource source = new CsvTelemetrySource(file, clock, Duration.ofSeconds(10), 4096);
        Feed feed = new Feed() {
            @Override
            public void node(NodeStatus s) throws Exception {
                append(String.format(Locale.ROOT, "node,%d,%s,%s,%s,%d,%s,%s", s.node(), s.health(), s.cpuGHz(),
                        s.cpuLoad(), s.queueLength(), s.queueSeconds(), s.memoryLoad()));
            }

            @Override
            public void link(LinkStatus l) throws Exception {
                append(String.format(Locale.ROOT, "link,%d,%d,%s,%s,%s", l.a(), l.b(), l.health(), l.rateMBps(),
                        l.latencyMs()));
            }

            @Override
            public void malformed() throws Exception {
                append("node,3,UP,fast,0.5,1,0.2,0.3");
            }

            private void append(String line) throws Exception {
                Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                source.poll();
            }
        };
        return new Subject(source, feed, Duration.ofSeconds(10), source::malformed, () -> { });
    }
}
