package org.ledrl.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Task;

class PendingTasksTest {

    private static PendingTasks.Pending sent(long id, int target, double computeSeconds, long at) {
        return new PendingTasks.Pending(new Task(id, 0, at, 100, 1000, 4, "t"), target, 1, computeSeconds, 0.99, at);
    }

    @Test
    void queueWaitIsPendingComputeMinusTimeSinceTheOldestWasSent() {
        PendingTasks pending = new PendingTasks(100, 60_000);
        pending.add(sent(1, 2, 1.0, 0), 0);
        pending.add(sent(2, 2, 2.0, 500), 500);
        pending.add(sent(3, 5, 4.0, 500), 500);
        assertEquals(3.0 - 1.0, pending.queueSeconds(2, 1000), 1e-9);
        assertEquals(2, pending.queueLength(2));
        assertEquals(0.0, pending.queueSeconds(7, 1000));
        pending.take(1, 1000);
        assertEquals(2.0 - 0.5, pending.queueSeconds(2, 1000), 1e-9, "now from the second task's start");
        assertEquals(0.0, pending.queueSeconds(2, 10_000), "never negative");
    }

    @Test
    void oldAndOverflowingTasksAreDroppedAndCounted() {
        PendingTasks pending = new PendingTasks(2, 1000);
        pending.add(sent(1, 1, 1, 0), 0);
        pending.add(sent(2, 1, 1, 10), 10);
        pending.add(sent(3, 1, 1, 20), 20);
        assertTrue(pending.peek(1, 20).isEmpty(), "the oldest went when full");
        assertEquals(1, pending.expired());
        assertTrue(pending.peek(2, 1011).isEmpty(), "older than the timeout");
        assertTrue(pending.peek(3, 1011).isPresent());
        assertEquals(2, pending.expired());
        assertEquals(1, pending.size());
    }
}
