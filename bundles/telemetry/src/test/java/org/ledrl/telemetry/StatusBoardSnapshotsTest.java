package org.ledrl.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;

/** The board reuses a snapshot's sorted lists between changes: never where a rebuild would differ. */
class StatusBoardSnapshotsTest {

    private static final long STALE_AFTER = 3_000;

    private final AtomicLong now = new AtomicLong(10_000);
    private final StatusBoard board = new StatusBoard("test", STALE_AFTER, now::get);

    private static NodeStatus up(int node, long at) {
        return new NodeStatus(node, Health.UP, 2.0, 0.5, 1, 0.5, 0.4, Double.NaN, 45.0, 0, at);
    }

    private static LinkStatus link(int a, int b, long at) {
        return new LinkStatus(a, b, Health.UP, 20, 1, 0, at);
    }

    @Test
    void aStatusPutShowsInTheNextSnapshotWithoutTheClockMoving() {
        board.put(up(1, 9_000));
        assertEquals(1, board.snapshot().nodes().size());
        board.put(up(2, 9_000));
        board.put(link(1, 2, 9_000));
        TelemetrySnapshot snapshot = board.snapshot();
        assertEquals(2, snapshot.nodes().size());
        assertEquals(1, snapshot.links().size());
        board.put(new NodeStatus(2, Health.DOWN, 2.0, 0.5, 1, 0.5, 0.4, Double.NaN, 45.0, 0, 9_500));
        assertEquals(Health.DOWN, board.snapshot().nodes().get(1).health());
    }

    @Test
    void withoutPutsAStatusTurnsStaleExactlyWhenItsAgeExceedsTheLimit() {
        board.put(up(1, 9_000));
        board.put(link(1, 2, 9_500));
        List<NodeStatus> first = board.snapshot().nodes();
        now.set(12_000); // node 1 is 3,000 ms old: still fresh
        TelemetrySnapshot atLimit = board.snapshot();
        assertSame(first, atLimit.nodes(), "the lists are reused while nothing changes");
        assertEquals(12_000, atLimit.timestampMillis(), "a reused snapshot still carries the time it was taken");
        assertEquals(Health.UP, atLimit.nodes().get(0).health());
        now.set(12_001);
        assertEquals(Health.UNKNOWN, board.snapshot().nodes().get(0).health());
        assertEquals(Health.UP, board.snapshot().links().get(0).health());
        now.set(12_501);
        assertEquals(Health.UNKNOWN, board.snapshot().links().get(0).health());
        now.set(11_000); // a clock set back: fresh again, as a rebuild says
        assertEquals(Health.UP, board.snapshot().nodes().get(0).health());
    }

    @Test
    void everySnapshotEqualsAFreshBoardsAfterRandomPutsAndClockMoves() {
        Random random = new Random(7);
        List<Consumer<StatusBoard>> history = new ArrayList<>();
        for (int step = 0; step < 600; step++) {
            long at = now.get() + random.nextInt(2 * (int) STALE_AFTER) - 3 * STALE_AFTER / 2;
            int kind = random.nextInt(4); // a node, a link, or (half the steps) only the clock moves
            if (kind < 2) {
                // drawn once, here: every replay puts the same status
                NodeStatus node = new NodeStatus(random.nextInt(6), random.nextBoolean() ? Health.UP : Health.DOWN,
                        2.0, 0.5, 1, 0.5, 0.4, Double.NaN, 45.0, 0, at);
                LinkStatus link = link(random.nextInt(6), 6 + random.nextInt(3), at);
                Consumer<StatusBoard> put = kind == 0 ? b -> b.put(node) : b -> b.put(link);
                put.accept(board);
                history.add(put);
            }
            now.addAndGet(random.nextInt(900) - 200); // mostly forward, sometimes back
            StatusBoard fresh = new StatusBoard("test", STALE_AFTER, now::get);
            history.forEach(p -> p.accept(fresh));
            TelemetrySnapshot expected = fresh.snapshot();
            TelemetrySnapshot actual = board.snapshot();
            assertEquals(expected, actual, "step " + step + " at " + now.get());
        }
    }
}
