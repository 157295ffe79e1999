package org.ledrl.runtime.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.ledrl.api.model.Outcome;

/**
 * A new version of the active policy on trial (a canary): it decides a configured share of the live
 * tasks, chosen by task id, for a configured time; then it is promoted only if its success rate on
 * its tasks is not worse than the incumbent's on the others by more than a margin, and each side had
 * enough outcomes to tell. Lock-free: counters only, so the decision path pays a hash and a compare.
 *
 * <p>The trial counts only outcomes of tasks that arrived after it was {@linkplain #open opened}, and it is opened
 * once it is published to the deciding threads: a task that arrived earlier may have been decided by the incumbent
 * alone, whatever its share says, and counting it for the canary would credit the canary with the incumbent's work.
 */
final class CanaryTrial {

    /** What the trial found, with the figures for the log and {@code status}. */
    record Verdict(boolean promoted, String policy, long canaryBundle, long incumbentBundle, String figures) {
    }

    private static final int SCALE = 10_000;

    private final PolicyEntry canary;
    private final long incumbentBundle;
    private final int shareOf10000;
    private final double margin;
    private final long minOutcomes;
    private final long seconds;
    private volatile long startMillis = -1; // -1 until open
    private final LongAdder canaryTasks = new LongAdder();
    private final LongAdder canarySuccesses = new LongAdder();
    private final LongAdder incumbentTasks = new LongAdder();
    private final LongAdder incumbentSuccesses = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder faults = new LongAdder();
    private final AtomicReference<String> firstFault = new AtomicReference<>();

    CanaryTrial(PolicyEntry canary, long incumbentBundle, double share, long seconds, double margin,
            long minOutcomes) {
        this.canary = canary;
        this.incumbentBundle = incumbentBundle;
        this.shareOf10000 = (int) Math.round(Math.max(0, Math.min(1, share)) * SCALE);
        this.margin = margin;
        this.minOutcomes = minOutcomes;
        this.seconds = seconds;
    }

    /** Starts the trial's clock, once: call it after the trial is visible to every deciding thread. */
    void open(long nowMillis) {
        if (startMillis < 0) {
            startMillis = nowMillis;
        }
    }

    PolicyEntry canary() {
        return canary;
    }

    /** Whether the canary decides this task: the trial is open, not judged yet, and the task falls in its share. */
    boolean decides(long taskId) {
        return startMillis >= 0 && !closed.get() && inShare(taskId);
    }

    private boolean inShare(long taskId) {
        long mixed = taskId * 0x9E3779B97F4A7C15L;
        return Math.floorMod(mixed ^ (mixed >>> 31), SCALE) < shareOf10000;
    }

    /** A decision where the canary threw or answered nothing valid: any one of them rolls it back. */
    void fault(String fault) {
        faults.increment();
        firstFault.compareAndSet(null, fault);
    }

    /** Counts the outcome of a task that arrived after the trial opened, for the side that decided it. */
    void outcome(Outcome outcome) {
        long start = startMillis;
        if (start < 0 || closed.get() || outcome.task().arrivalMillis() <= start) {
            return;
        }
        boolean byCanary = inShare(outcome.task().id());
        (byCanary ? canaryTasks : incumbentTasks).increment();
        if (outcome.success()) {
            (byCanary ? canarySuccesses : incumbentSuccesses).increment();
        }
    }

    /** The verdict once the trial's time is up, given once; null before (and before it opened). */
    Verdict verdictIfDue(long nowMillis) {
        long start = startMillis;
        if (start < 0 || nowMillis < start + seconds * 1000 || !closed.compareAndSet(false, true)) {
            return null;
        }
        long cTasks = canaryTasks.sum();
        long iTasks = incumbentTasks.sum();
        double cRate = cTasks == 0 ? Double.NaN : (double) canarySuccesses.sum() / cTasks;
        double iRate = iTasks == 0 ? Double.NaN : (double) incumbentSuccesses.sum() / iTasks;
        boolean enough = cTasks >= minOutcomes && iTasks >= minOutcomes;
        long faulted = faults.sum();
        boolean promoted = enough && faulted == 0 && cRate >= iRate - margin;
        String figures = String.format(Locale.ROOT, "canary success %s of %d tasks, incumbent %s of %d tasks, "
                        + "margin %.1f points%s%s", percent(cRate), cTasks, percent(iRate), iTasks, 100 * margin,
                enough ? "" : ", fewer than " + minOutcomes + " outcomes on a side",
                faulted == 0 ? "" : ", " + faulted + " faulty decisions (" + firstFault.get() + ")");
        return new Verdict(promoted, canary.name(), canary.bundleId(), incumbentBundle, figures);
    }

    private static String percent(double rate) {
        return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }
}
