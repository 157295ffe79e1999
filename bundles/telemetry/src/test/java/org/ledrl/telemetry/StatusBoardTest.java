package org.ledrl.telemetry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;

class StatusBoardTest {

    private final AtomicLong now = new AtomicLong(10_000);
    private final StatusBoard board = new StatusBoard("test", 3_000, now::get);

    private static NodeStatus up(int node, double cpuLoad, long at) {
        return new NodeStatus(node, Health.UP, 2.0, cpuLoad, 1, 0.5, 0.4, Double.NaN, 45.0, 0, at);
    }

    @Test
    void freshStatusIsReportedAsMeasured() {
        board.put(up(2, 0.25, 9_000));

        TelemetrySnapshot snapshot = board.snapshot();

        assertEquals("test", snapshot.source());
        assertEquals(10_000, snapshot.timestampMillis());
        assertEquals(1, snapshot.nodes().size());
        assertEquals(Health.UP, snapshot.nodes().get(0).health());
        assertEquals(0.25, snapshot.nodes().get(0).cpuLoad());
    }

    @Test
    void statusOlderThanTheLimitIsUnknownButKeepsItsLastValues() {
        board.put(up(2, 0.25, 9_000));
        now.set(12_000);
        assertEquals(Health.UP, board.snapshot().nodes().get(0).health(), "exactly at the limit is still fresh");

        now.set(12_001);
        NodeStatus stale = board.snapshot().nodes().get(0);

        assertEquals(Health.UNKNOWN, stale.health());
        assertEquals(0.25, stale.cpuLoad());
        assertEquals(9_000, stale.timestampMillis());
    }

    @Test
    void aNewerStatusReplacesAnOlderOneButNotTheOtherWayRound() {
        board.put(up(1, 0.5, 9_500));
        board.put(up(1, 0.9, 9_000));
        assertEquals(0.5, board.snapshot().nodes().get(0).cpuLoad());

        board.put(up(1, 0.1, 9_800));
        assertEquals(0.1, board.snapshot().nodes().get(0).cpuLoad());
    }

    @Test
    void nodesAndLinksAreSortedAndStaleLinksAreUnknown() {
        board.put(up(3, 0.1, 9_900));
        board.put(up(1, 0.2, 9_900));
        board.put(new LinkStatus(3, 1, Health.UP, 20, 4, 0, 9_900));
        board.put(new LinkStatus(0, 2, Health.DOWN, 0, 4, 1, 1_000));

        TelemetrySnapshot snapshot = board.snapshot();

        assertEquals(1, snapshot.nodes().get(0).node());
        assertEquals(3, snapshot.nodes().get(1).node());
        assertEquals(0, snapshot.links().get(0).a());
        assertEquals(Health.UNKNOWN, snapshot.links().get(0).health(), "a stale DOWN is unknown too");
        assertEquals(Health.UP, snapshot.links().get(1).health());
        assertEquals(1, snapshot.links().get(1).a());
    }

    @Test
    void aNonPositiveLimitIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new StatusBoard("x", 0, now::get));
        assertEquals("staleAfterMillis must be positive, was 0", error.getMessage());
    }

    @Test
    void aMillionStatusesOfAnyIdKeepTheBoardWithinItsNodeAndLinkBoundsAndCountTheRest() {
        StatusBoard bounded = new StatusBoard("test", 3_000, now::get, 4095, 1000);
        java.util.Random random = new java.util.Random(7);
        long refusedNodes = 0;
        long refusedLinks = 0;
        java.util.Set<Long> links = new java.util.HashSet<>();
        for (int i = 0; i < 1_000_000; i++) {
            int id = i == 0 ? Integer.MAX_VALUE : random.nextInt(8192);
            bounded.put(up(id, 0.1, 9_000));
            if (id > 4095) {
                refusedNodes++;
            }
            int a = random.nextInt(8192);
            int b = random.nextInt(8192);
            if (a != b) {
                long key = StatusBoard.linkKey(a, b);
                bounded.put(new LinkStatus(a, b, Health.UP, 20, 1, 0, 9_000));
                if (Math.max(a, b) > 4095 || (links.size() >= 1000 && !links.contains(key))) {
                    refusedLinks++;
                } else {
                    links.add(key);
                }
            }
            org.junit.jupiter.api.Assertions.assertTrue(bounded.nodeCount() <= 4096 && bounded.linkCount() <= 1000);
        }
        assertEquals(4096, bounded.nodeCount(), "every id 0 to 4095 was seen");
        assertEquals(1000, bounded.linkCount());
        assertEquals(refusedNodes, bounded.refusedNodes());
        assertEquals(refusedLinks, bounded.refusedLinks());
        org.junit.jupiter.api.Assertions.assertTrue(bounded.snapshot().nodes().stream()
                .noneMatch(n -> n.node() == Integer.MAX_VALUE), "2147483647 never became a node");
    }

    @Test
    void admitTellsWhyAStatusWasRefused() {
        StatusBoard bounded = new StatusBoard("test", 3_000, now::get, 10, 1);
        MalformedTelemetryException node = assertThrows(MalformedTelemetryException.class,
                () -> bounded.admit(up(Integer.MAX_VALUE, 0.1, 9_000)));
        assertEquals(StatusBoard.NODE_OUT_OF_RANGE, node.kind());
        org.junit.jupiter.api.Assertions.assertTrue(node.getMessage().contains("2147483647"), node.getMessage());
        assertDoesNotThrow(() -> bounded.admit(new LinkStatus(1, 2, Health.UP, 20, 1, 0, 9_000)));
        assertDoesNotThrow(() -> bounded.admit(new LinkStatus(2, 1, Health.UP, 20, 1, 0, 9_500)), "known link, updated");
        assertEquals(StatusBoard.LINKS_FULL, assertThrows(MalformedTelemetryException.class,
                () -> bounded.admit(new LinkStatus(1, 3, Health.UP, 20, 1, 0, 9_000))).kind());
    }
}
