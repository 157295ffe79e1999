package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunClockTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void eachPhaseGetsItsShareOfTheSessionAndTheRestIsWhatNoPhaseTook() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        RunClock clock = RunClock.resumed(new TrainingCurve(), now::get);
        for (int update = 0; update < 2; update++) {
            long rolling = clock.mark();
            now.addAndGet(SECOND);
            clock.spent(RunClock.Phase.ROLLOUTS, rolling);
            long updating = clock.mark();
            now.addAndGet(3 * SECOND);
            clock.spent(RunClock.Phase.UPDATE, updating);
            now.addAndGet(SECOND / 2); // bookkeeping between phases
        }
        long validating = clock.mark();
        now.addAndGet(SECOND);
        clock.spent(RunClock.Phase.VALIDATION, validating);
        clock.counted(20_000);

        // 10 s in all: rollouts 2, update 6, validation 1, between them 1
        assertEquals("rollouts 20%, credit 0%, update 60%, validation 10%, the rest 10%", clock.shares());
        assertEquals(10.0, clock.elapsedSeconds(), 1e-9);
        assertEquals(2_000, clock.decisionsPerSecond(), 1e-9);
    }

    @Test
    void aResumedRunGoesOnFromItsCurveButSharesOnlyThisSessionsTime() {
        TrainingCurve curve = new TrainingCurve();
        curve.add(new TrainingCurve.Point(4, 0.5, 0.6, 30_000, 20.0, TrainingCurve.Diagnostics.NONE));
        AtomicLong now = new AtomicLong(0);
        RunClock clock = RunClock.resumed(curve, now::get);
        long updating = clock.mark();
        now.addAndGet(10 * SECOND);
        clock.spent(RunClock.Phase.UPDATE, updating);
        clock.counted(10_000);

        assertEquals(30.0, clock.elapsedSeconds(), 1e-9);
        assertEquals(40_000 / 30.0, clock.decisionsPerSecond(), 1e-9);
        assertEquals("rollouts 0%, credit 0%, update 100%, validation 0%, the rest 0%", clock.shares());
    }
}
