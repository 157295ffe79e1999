package org.ledrl.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.ledrl.live.Activity;

class ActivityLogTest {

    private static Outcome outcome(long id, FailureReason reason) {
        return new Outcome(new Task(id, 1, 0, 100, 1000, 4, "t"), 2, 1, reason, 1.5, 0.95, 0, 0);
    }

    @Test
    void bucketsDecisionsAndOutcomesOverTheWindow() {
        ActivityLog log = new ActivityLog(10, 1); // six buckets of 10 s
        log.decision(100_000, 10_000);
        log.decision(105_000, 30_000);
        log.decision(121_000, 5_000);
        log.outcome(122_000, outcome(1, FailureReason.NONE));
        log.outcome(123_000, outcome(2, FailureReason.DEADLINE_MISSED));
        Activity activity = log.snapshot(129_999, 4);
        assertEquals(6, activity.buckets().size());
        Activity.Bucket first = activity.buckets().get(3);
        assertEquals(100_000, first.startMillis());
        assertEquals(2, first.decisions());
        assertEquals(0.2, first.decisionsPerSecond(), 1e-9);
        assertEquals(20.0, first.meanDecisionMicros(), 1e-9);
        assertEquals(30.0, first.maxDecisionMicros(), 1e-9);
        Activity.Bucket last = activity.buckets().get(5);
        assertEquals(0.5, last.successRate());
        assertEquals(0.5, activity.successRate());
        assertEquals(3.0 / 60, activity.decisionsPerSecond(), 1e-9);
        assertEquals(15.0, activity.meanDecisionMicros(), 1e-9);
        assertEquals(FailureReason.DEADLINE_MISSED, activity.failures().get(0).reason());
        assertEquals(1, activity.failures().size());
        assertEquals(4, activity.unreported());
    }

    @Test
    void oldBucketsLeaveTheWindow() {
        ActivityLog log = new ActivityLog(10, 1);
        log.decision(0, 1000);
        Activity later = log.snapshot(70_000, 0);
        assertTrue(later.buckets().stream().allMatch(b -> b.decisions() == 0), "a minute later it is gone");
        assertEquals(1, later.decisions(), "the total since start stays");
    }

    @Test
    void aMillionFailuresKeepTheLatestTwentyAndCountTheRest() {
        ActivityLog log = new ActivityLog(10, 10);
        for (long id = 1; id <= 1_000_000; id++) {
            log.decision(id, 1_000);
            log.outcome(id, outcome(id, id % 2 == 0 ? FailureReason.NONE : FailureReason.DEADLINE_MISSED));
            assertTrue(log.failuresBuffer().size() <= ActivityLog.FAILURES_KEPT);
        }
        assertEquals(ActivityLog.FAILURES_KEPT, log.failuresBuffer().size());
        assertEquals(500_000 - ActivityLog.FAILURES_KEPT, log.failuresBuffer().dropped());
        Activity activity = log.snapshot(1_000_000, 0);
        assertEquals(999_999, activity.failures().get(0).taskId(), "newest first");
        assertEquals(60, activity.buckets().size(), "the ring does not grow");
        assertEquals(1_000_000, activity.outcomes());
    }
}
