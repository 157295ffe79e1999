package org.ledrl.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.junit.jupiter.api.Test;

class CanaryTrialTest {

    private static final PolicyEntry CANARY = new PolicyEntry("p", 0, 9, 5, null);

    private static Outcome outcome(long taskId, boolean success) {
        return outcome(taskId, 1_000, success);
    }

    private static Outcome outcome(long taskId, long arrivalMillis, boolean success) {
        return new Outcome(new Task(taskId, 0, arrivalMillis, 300, 1000, 4.0, "t"), 0, 0,
                success ? FailureReason.NONE : FailureReason.DEADLINE_MISSED, 0.5, 1, 2_000, success ? 1 : -1);
    }

    private static CanaryTrial trial() {
        CanaryTrial trial = new CanaryTrial(CANARY, 4, 0.3, 10, 0.05, 20);
        trial.open(0);
        return trial;
    }

    @Test
    void beforeItOpensItDecidesNothingAndCountsNothing() {
        CanaryTrial trial = new CanaryTrial(CANARY, 4, 0.3, 10, 0.05, 1);
        for (long id = 0; id < 100; id++) {
            assertFalse(trial.decides(id), "decided task " + id + " before it opened");
            trial.outcome(outcome(id, 900, true));
        }
        assertNull(trial.verdictIfDue(1_000_000), "a verdict before it opened");

        // opened at 1,000 ms: tasks that arrived up to then may have been decided by the incumbent alone
        trial.open(1_000);
        for (long id = 0; id < 100; id++) {
            trial.outcome(outcome(id, 1_000, trial.decides(id)));
            trial.outcome(outcome(id, 1_001, !trial.decides(id)));
        }
        assertNull(trial.verdictIfDue(10_999), "the trial's time counts from its opening");
        CanaryTrial.Verdict verdict = trial.verdictIfDue(11_000);
        assertTrue(verdict.figures().startsWith("canary success 0.0% of "), verdict.figures());
        assertTrue(verdict.figures().contains("incumbent 100.0% of "), verdict.figures());
    }

    @Test
    void decidesAboutItsShareOfTasks() {
        CanaryTrial trial = trial();
        long taken = 0;
        for (long id = 0; id < 10_000; id++) {
            taken += trial.decides(id) ? 1 : 0;
        }
        assertTrue(taken > 2_700 && taken < 3_300, "share of 0.3 took " + taken + " of 10000");
    }

    @Test
    void aCanaryThatFailsItsTasksIsRolledBackWithTheFigures() {
        CanaryTrial trial = trial();
        for (long id = 0; id < 500; id++) {
            trial.outcome(outcome(id, !trial.decides(id)));
        }
        assertNull(trial.verdictIfDue(9_999), "no verdict before the trial's time");
        CanaryTrial.Verdict verdict = trial.verdictIfDue(10_000);
        assertFalse(verdict.promoted());
        assertTrue(verdict.figures().startsWith("canary success 0.0% of "), verdict.figures());
        assertTrue(verdict.figures().contains("incumbent 100.0% of "), verdict.figures());
        assertNull(trial.verdictIfDue(20_000), "the verdict is given once");
        assertFalse(trial.decides(1), "a judged canary decides nothing");
    }

    @Test
    void aCanaryWithinTheMarginIsPromotedAndOneThatFaultedIsNot() {
        CanaryTrial good = trial();
        CanaryTrial faulty = trial();
        for (long id = 0; id < 500; id++) {
            good.outcome(outcome(id, true));
            faulty.outcome(outcome(id, true));
        }
        faulty.fault("its canary threw X");
        assertTrue(good.verdictIfDue(10_000).promoted());
        CanaryTrial.Verdict verdict = faulty.verdictIfDue(10_000);
        assertFalse(verdict.promoted());
        assertTrue(verdict.figures().contains("1 faulty decisions (its canary threw X)"), verdict.figures());
        assertEquals("p", verdict.policy());
    }

    @Test
    void tooFewOutcomesIsNoPromotion() {
        CanaryTrial trial = trial();
        trial.outcome(outcome(1, true));
        CanaryTrial.Verdict verdict = trial.verdictIfDue(10_000);
        assertFalse(verdict.promoted());
        assertTrue(verdict.figures().contains("fewer than 20 outcomes on a side"), verdict.figures());
    }
}
