package org.ledrl.live.internal;

import java.util.List;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.api.telemetry.TelemetrySource;

/** Telemetry for the tests: node and link status as an adapter would report them. */
final class Statuses {

    private Statuses() {
    }

    static NodeStatus node(int id, Health health, double cpuGHz, double queueSeconds, long at) {
        return new NodeStatus(id, health, cpuGHz, 0.5, 0, queueSeconds, 0.4, Double.NaN, 45.0, 0, at);
    }

    static NodeStatus up(int id, long at) {
        return node(id, Health.UP, 2.0, 0.0, at);
    }

    static LinkStatus link(int a, int b, Health health, double rateMBps, long at) {
        return new LinkStatus(a, b, health, rateMBps, 2.0, 0, at);
    }

    static TelemetrySnapshot snapshot(List<NodeStatus> nodes, List<LinkStatus> links, long at) {
        return new TelemetrySnapshot("test", nodes, links, at);
    }

    /** A source whose snapshot the test sets. */
    static final class Source implements TelemetrySource {
        volatile TelemetrySnapshot snapshot = new TelemetrySnapshot("test", List.of(), List.of(), 0);

        @Override
        public String name() {
            return "test";
        }

        @Override
        public TelemetrySnapshot snapshot() {
            return snapshot;
        }
    }
}
