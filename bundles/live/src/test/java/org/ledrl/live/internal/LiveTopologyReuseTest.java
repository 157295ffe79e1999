package org.ledrl.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Task;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.telemetry.StatusBoard;
import org.ledrl.telemetry.TestConfigs;

/** A topology reused from one decision to the next gives exactly the state a fresh build gives. */
class LiveTopologyReuseTest {

    private static final long STALE_AFTER = 4_000;

    private final AtomicLong clock = new AtomicLong(100_000);
    private final NetworkSettings settings = NetworkSettings.of(TestConfigs.of(LiveRuntimeComponent.Config.class,
            Map.of("maxHops", 2, "maxLinks", 14, "staleAfterMillis", STALE_AFTER,
                    "links", new String[] {"0-1:25:4", "1-2:10", "2-9:5"})));
    // the runtime's queue estimate: changes with time, as pending tasks drain
    private final ToDoubleBiFunction<Integer, Long> queueSeconds = (node, now) -> node * 0.25 + (now % 1_000) / 1e3;

    private List<TelemetrySnapshot> snapshots(StatusBoard... boards) {
        List<TelemetrySnapshot> snapshots = new ArrayList<>();
        for (StatusBoard board : boards) {
            snapshots.add(board.snapshot());
        }
        return snapshots;
    }

    @Test
    void aReusedTopologyGivesWhatAFreshBuildGivesAfterRandomTelemetryAndClockMoves() {
        Random random = new Random(11);
        // two sources, each with its own staleness limit around the runtime's
        StatusBoard mqtt = new StatusBoard("mqtt", STALE_AFTER + 1_000, clock::get, 12, 40);
        StatusBoard local = new StatusBoard("local", STALE_AFTER - 1_000, clock::get, 12, 40);
        LiveTopology reused = null;
        int reuses = 0;
        for (int step = 0; step < 3_000; step++) {
            if (random.nextInt(3) == 0) {
                StatusBoard board = random.nextBoolean() ? mqtt : local;
                long at = clock.get() - random.nextInt((int) STALE_AFTER + 2_000);
                Health health = Health.values()[random.nextInt(Health.values().length)];
                if (random.nextBoolean()) {
                    double wait = random.nextBoolean() ? Double.NaN : random.nextDouble();
                    board.put(new NodeStatus(random.nextInt(13), health, random.nextBoolean() ? Double.NaN : 2.0,
                            0.5, 1, wait, 0.4, Double.NaN, 45.0, 0, at));
                } else {
                    int a = random.nextInt(12);
                    board.put(new LinkStatus(a, a + 1 + random.nextInt(12 - a), health,
                            random.nextBoolean() ? Double.NaN : 5 + random.nextInt(20), 2.0, 0, at));
                }
            }
            clock.addAndGet(random.nextInt(700) - 100); // mostly forward, sometimes back
            long now = clock.get();
            List<TelemetrySnapshot> snapshots = snapshots(mqtt, local);
            LiveTopology next = LiveTopology.reuseOrBuild(reused, settings, snapshots, now);
            reuses += next == reused ? 1 : 0;
            reused = next;
            NetworkState fromReused = NetworkState.at(reused, snapshots, now, queueSeconds);
            NetworkState fresh = NetworkState.of(settings, snapshots, now, queueSeconds);
            assertSameState(fresh, fromReused, "step " + step + " at " + now);
        }
        assertTrue(reuses > 500, "the topology was reused only " + reuses + " times of 3,000");
    }

    @Test
    void aTopologyIsReusedOnlyForTheSameListsAndSettings() {
        StatusBoard board = new StatusBoard("mqtt", STALE_AFTER, clock::get);
        board.put(new NodeStatus(1, Health.UP, 2.0, 0.5, 1, 0.1, 0.4, Double.NaN, 45.0, 0, clock.get()));
        List<TelemetrySnapshot> snapshots = snapshots(board);
        LiveTopology topology = LiveTopology.of(settings, snapshots, clock.get());
        assertSame(topology, LiveTopology.reuseOrBuild(topology, settings, snapshots(board), clock.get() + 10));
        board.put(new NodeStatus(2, Health.UP, 2.0, 0.5, 1, 0.1, 0.4, Double.NaN, 45.0, 0, clock.get()));
        List<TelemetrySnapshot> changed = snapshots(board);
        LiveTopology rebuilt = LiveTopology.reuseOrBuild(topology, settings, changed, clock.get() + 10);
        assertTrue(rebuilt != topology && NetworkState.at(rebuilt, changed, clock.get(), queueSeconds).knows(2),
                "a new status builds a new topology");
        NetworkSettings other = NetworkSettings.of(TestConfigs.of(LiveRuntimeComponent.Config.class, Map.of()));
        assertTrue(LiveTopology.reuseOrBuild(rebuilt, other, changed, clock.get()) != rebuilt,
                "new settings build a new topology");
        assertTrue(LiveTopology.reuseOrBuild(rebuilt, settings, changed, clock.get() + STALE_AFTER + 1) != rebuilt,
                "a status turning stale builds a new topology");
    }

    private static void assertSameState(NetworkState expected, NetworkState actual, String where) {
        assertEquals(List.copyOf(expected.nodes()), List.copyOf(actual.nodes()), where);
        assertEquals(List.copyOf(expected.links()), List.copyOf(actual.links()), where);
        assertEquals(expected.topology(), actual.topology(), where);
        assertEquals(expected.ignoredNodes(), actual.ignoredNodes(), where);
        assertEquals(expected.ignoredLinks(), actual.ignoredLinks(), where);
        for (int id = -1; id <= 13; id++) {
            assertEquals(expected.knows(id), actual.knows(id), where + ", node " + id);
            assertEquals(expected.isStale(id), actual.isStale(id), where + ", node " + id);
            assertEquals(expected.neighbours(id), actual.neighbours(id), where + ", node " + id);
            Task task = new Task(1, id, expected.now(), 400, 1000, 4, "generic");
            assertEquals(expected.observe(task), actual.observe(task), where + ", origin " + id);
        }
    }
}
