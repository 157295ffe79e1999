package org.ledrl.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;

class TelemetryViewTest {

    private static NodeStatus status(int node, Health health, double cpuLoad, long at) {
        return new NodeStatus(node, health, 2.0, cpuLoad, 0, 0, 0.3, Double.NaN, 40, 0, at);
    }

    @Test
    void aKnownStatusWinsOverAnUnknownOneAndTheNewestAmongKnownOnes() {
        TelemetrySnapshot local = new TelemetrySnapshot("proc",
                List.of(status(0, Health.UP, 0.2, 1_000), status(1, Health.UNKNOWN, 0.9, 5_000)), List.of(), 5_000);
        TelemetrySnapshot mqtt = new TelemetrySnapshot("mqtt",
                List.of(status(0, Health.UP, 0.4, 2_000), status(1, Health.DOWN, 0.0, 3_000)),
                List.of(new LinkStatus(1, 0, Health.UP, 12, 3, 0, 2_000)), 6_000);

        TelemetryView view = TelemetryView.of(List.of(local, mqtt));

        assertEquals(0.4, view.node(0).cpuLoad(), "newer known status");
        assertEquals(Health.DOWN, view.node(1).health(), "known beats unknown even when older");
        assertEquals(12, view.link(0, 1).rateMBps());
        assertEquals(12, view.link(1, 0).rateMBps());
        assertEquals(6_000, view.timestampMillis());
        assertEquals(2, view.nodes().size());
    }

    @Test
    void whatNoSourceKnowsIsUnknownNotMissing() {
        TelemetryView view = TelemetryView.of(List.of());

        NodeStatus node = view.node(7);
        LinkStatus link = view.link(7, 3);

        assertEquals(Health.UNKNOWN, node.health());
        assertEquals(7, node.node());
        assertEquals(Health.UNKNOWN, link.health());
        assertEquals(3, link.a());
        assertTrue(Double.isNaN(link.rateMBps()));
        assertTrue(view.nodes().isEmpty());
    }
}
