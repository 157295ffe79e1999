package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunClockTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(5 * SECOND);

    /** Work that takes {@code seconds} on the scripted clock. */
    private String taking(double seconds) {
        now.addAndGet((long) (seconds * SECOND));
        return "done";
    }

    @Test
    void eachPhaseGetsItsShareOfTheSessionAndTheRestIsWhatNoPhaseTook() {
        RunClock clock = RunClock.resumed(new TrainingCurve(), now::get);
        for (int update = 0; update < 2; update++) {
            assertEquals("done", clock.timed(RunClock.Phase.ROLLOUTS, () -> taking(1)));
            clock.timed(RunClock.Phase.UPDATE, () -> taking(3));
            taking(0.5); // bookkeeping between phases
        }
        clock.timed(RunClock.Phase.VALIDATION, () -> taking(1));
        clock.counted(20_000);

        // 10 s in all: rollouts 2, update 6, validation 1, between them 1
        assertEquals("rollouts 20%, credit 0%, update 60%, validation 10%, the rest 10%", clock.shares());
        assertEquals(10.0, clock.elapsedSeconds(), 1e-9);
        assertEquals(2_000, clock.decisionsPerSecond(), 1e-9);
    }

    @Test
    void workThatFailsStillCountsItsTime() {
        RunClock clock = RunClock.resumed(new TrainingCurve(), now::get);
        assertThrows(IllegalStateException.class, () -> clock.timed(RunClock.Phase.UPDATE, () -> {
            taking(2);
            throw new IllegalStateException("update failed");
        }));
        assertEquals("rollouts 0%, credit 0%, update 100%, validation 0%, the rest 0%", clock.shares());
    }

    @Test
    void aResumedRunGoesOnFromItsCurveButSharesOnlyThisSessionsTime() {
        TrainingCurve curve = new TrainingCurve();
        curve.add(new TrainingCurve.Point(4, 0.5, 0.6, 30_000, 20.0, TrainingCurve.Diagnostics.NONE));
        RunClock clock = RunClock.resumed(curve, now::get);
        clock.timed(RunClock.Phase.UPDATE, () -> taking(10));
        clock.counted(10_000);

        assertEquals(30.0, clock.elapsedSeconds(), 1e-9);
        assertEquals(40_000 / 30.0, clock.decisionsPerSecond(), 1e-9);
        assertEquals("rollouts 0%, credit 0%, update 100%, validation 0%, the rest 0%", clock.shares());
    }
}
