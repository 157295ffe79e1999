package org.ledrl.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.api.telemetry.TelemetrySource;

/**
 * A telemetry source of "node,health,cpuGHz" lines, for the kit's own tests: {@code careful} it counts what it
 * cannot read and marks old status unknown; otherwise it throws on a bad line and never ages status.
 */
final class LineTelemetry implements TelemetrySource {

    private final Clock clock;
    private final Duration staleAfter;
    private final boolean careful;
    private final Map<Integer, NodeStatus> nodes = new ConcurrentHashMap<>();
    private final AtomicLong malformed = new AtomicLong();

    LineTelemetry(Clock clock, Duration staleAfter, boolean careful) {
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.careful = careful;
    }

    void accept(String line) {
        try {
            String[] f = line.split(",");
            int node = Integer.parseInt(f[0]);
            nodes.put(node, new NodeStatus(node, Health.valueOf(f[1]), Double.parseDouble(f[2]), Double.NaN, 0, 0,
                    Double.NaN, Double.NaN, Double.NaN, 0, clock.millis()));
        } catch (RuntimeException e) {
            if (!careful) {
                throw e;
            }
            malformed.incrementAndGet();
        }
    }

    long malformed() {
        return malformed.get();
    }

    @Override
    public String name() {
        return "lines";
    }

    @Override
    public TelemetrySnapshot snapshot() {
        long now = clock.millis();
        List<NodeStatus> statuses = nodes.values().stream()
                .map(n -> careful && now - n.timestampMillis() > staleAfter.toMillis() ? n.stale() : n)
                .toList();
        return new TelemetrySnapshot(name(), statuses, List.of(new LinkStatus(1, 2, Health.UP, 20, 2, 0, now)), now);
    }
}
