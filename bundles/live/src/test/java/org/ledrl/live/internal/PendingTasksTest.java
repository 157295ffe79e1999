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

    @Test
    void aMillionDecisionsOfWhichSeventyPercentAreReportedStayWithinTheBoundAndEveryDropIsCounted() {
        int capacity = 5_000;
        PendingTasks pending = new PendingTasks(capacity, 300_000);
        long taken = 0;
        int largest = 0;
        int mostNodes = 0;
        for (long id = 1; id <= 1_000_000; id++) {
            long now = id; // one a millisecond: none times out, only the bound drops
            pending.add(sent(id, (int) (id % 7), 1, now), now);
            // 7 of 10 are reported a little later; the other 3 never
            long reported = id - 50;
            if (reported > 0 && reported % 10 < 7 && pending.take(reported, now).isPresent()) {
                taken++;
            }
            largest = Math.max(largest, pending.size());
            mostNodes = Math.max(mostNodes, pending.nodes());
        }
        assertEquals(capacity, largest, "full, never above the bound");
        assertTrue(mostNodes <= 7, "one queue per node with tasks waiting: " + mostNodes);
        assertEquals(1_000_000 - taken - pending.size(), pending.expired(), "every task not taken nor kept was counted");
        assertEquals(pending.expired(), pending.pushedOut());
        assertEquals(0, pending.timedOut());
    }

    @Test
    void tasksOlderThanTheTimeoutAreCountedAsTimedOutAndEmptyNodeQueuesGo() {
        PendingTasks pending = new PendingTasks(1_000_000, 1_000);
        for (long id = 1; id <= 1_000_000; id++) {
            pending.add(sent(id, (int) (id % 1000), 1, id * 10), id * 10);
            assertTrue(pending.size() <= 101, "a task a 10 ms, 1 s timeout: about 100 wait");
        }
        assertEquals(1_000_000 - pending.size(), pending.timedOut());
        assertEquals(0, pending.pushedOut());
        pending.peek(0, 100_000_000L);
        assertEquals(0, pending.size());
        assertEquals(0, pending.nodes(), "no queue is kept for a node no task waits for");
    }
}
