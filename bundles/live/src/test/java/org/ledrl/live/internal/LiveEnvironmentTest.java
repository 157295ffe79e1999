package org.ledrl.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ledrl.live.internal.Statuses.snapshot;
import static org.ledrl.live.internal.Statuses.up;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ledrl.api.env.Slot;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.ledrl.telemetry.TestConfigs;

/** The live environment keeps outcomes and tasks for a slot-by-slot caller only while one is attached, and bounded. */
class LiveEnvironmentTest {

    private static final long NOW = 1_000_000;
    private static final int CAPACITY = 1_000;

    private final LiveEnvironment environment = new LiveEnvironment(() -> NetworkState.of(
            NetworkSettings.of(TestConfigs.of(LiveRuntimeComponent.Config.class, Map.of())),
            List.of(snapshot(List.of(up(0, NOW)), List.of(), NOW)), NOW, (n, t) -> 0.0), (task, decision) -> { },
            CAPACITY);

    private static Task task(long id) {
        return new Task(id, 0, NOW, 300, 1000, 4, "t");
    }

    private static Outcome outcome(long id) {
        return new Outcome(task(id), 0, 0, FailureReason.NONE, 1.0, 0.99, NOW, 1.0);
    }

    private BufferStatus buffer(String name) {
        return environment.buffers().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void withNoSlotBySlotCallerAMillionOutcomesLeaveNothingBehind() {
        for (long id = 1; id <= 1_000_000; id++) {
            environment.complete(outcome(id));
            environment.submit(task(id));
        }
        assertFalse(environment.attached());
        assertEquals(new BufferStatus("live.slot-outcomes", 0, CAPACITY, 0), buffer("live.slot-outcomes"));
        assertEquals(new BufferStatus("live.slot-tasks", 0, CAPACITY, 0), buffer("live.slot-tasks"));
    }

    @Test
    void anAttachedCallerThatNeverStepsGetsTheNewestOutcomesAndTheRestIsCounted() {
        environment.reset(1);
        assertTrue(environment.attached());
        for (long id = 1; id <= 1_000_000; id++) {
            environment.complete(outcome(id));
            environment.submit(task(id));
            assertTrue(buffer("live.slot-outcomes").withinBound());
        }
        assertEquals(new BufferStatus("live.slot-outcomes", CAPACITY, CAPACITY, 1_000_000 - CAPACITY),
                buffer("live.slot-outcomes"));
        assertEquals(new BufferStatus("live.slot-tasks", CAPACITY, CAPACITY, 1_000_000 - CAPACITY),
                buffer("live.slot-tasks"));

        Slot slot = environment.step(List.of());
        assertEquals(CAPACITY, slot.outcomes().size());
        assertEquals(1_000_000 - CAPACITY + 1, slot.outcomes().get(0).task().id(), "the oldest went first");
        assertEquals(CAPACITY, slot.observations().size());
        assertEquals(0, buffer("live.slot-outcomes").size(), "a step drains it");

        environment.complete(outcome(1));
        environment.detach();
        environment.complete(outcome(2));
        assertEquals(0, buffer("live.slot-outcomes").size(), "detached: dropped what it had, keeps nothing more");
    }
}
