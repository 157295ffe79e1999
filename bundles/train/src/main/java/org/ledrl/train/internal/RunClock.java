package org.ledrl.train.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A training run's time and decisions, carried over a resume, for the decisions-per-second figure; and where the time
 * of this session of the run went ({@link Phase}), so that a run says itself what limits its speed.
 */
final class RunClock {

    /** The parts of a run between two updates; whatever is not one of them (checkpoints, bookkeeping) is the rest. */
    enum Phase {
        /** The training episodes, stepped side by side with the actor and critic in plain Java. */
        ROLLOUTS,
        /** Rewards, returns and advantages, gathered into the update's batch. */
        CREDIT,
        /** The PPO update (PyTorch). */
        UPDATE,
        /** The greedy actor on the validation episodes. */
        VALIDATION
    }

    private final LongSupplier nanos;
    private final long start;
    private final double secondsBefore;
    private long decisions;
    private final Map<Phase, Long> spent = new EnumMap<>(Phase.class);

    private RunClock(LongSupplier nanos, double secondsBefore, long decisionsBefore) {
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.secondsBefore = secondsBefore;
        this.decisions = decisionsBefore;
    }

    /** A clock that goes on from the seconds and decisions the curve's trained rows already hold (none: from 0). */
    static RunClock resumed(TrainingCurve curve) {
        return resumed(curve, System::nanoTime);
    }

    static RunClock resumed(TrainingCurve curve, LongSupplier nanos) {
        double seconds = curve.points().stream().filter(TrainingCurve.Point::trained)
                .mapToDouble(TrainingCurve.Point::elapsedS).max().orElse(0);
        long decisions = curve.points().stream().mapToLong(TrainingCurve.Point::decisions).sum();
        return new RunClock(nanos, seconds, decisions);
    }

    /** {@code work}'s result, its time counted to {@code phase}. */
    <T> T timed(Phase phase, Supplier<T> work) {
        long begin = nanos.getAsLong();
        try {
            return work.get();
        } finally {
            spent.merge(phase, nanos.getAsLong() - begin, Long::sum);
        }
    }

    void counted(long more) {
        decisions += more;
    }

    double elapsedSeconds() {
        return secondsBefore + (nanos.getAsLong() - start) / 1e9;
    }

    /** Decisions of training episodes per second of the whole run (rollouts, updates and validation). */
    double decisionsPerSecond() {
        double seconds = elapsedSeconds();
        return seconds <= 0 ? 0 : decisions / seconds;
    }

    /**
     * Each phase's share of this session's time (since the run started or resumed), in phase order, then the rest:
     * {@code "rollouts 10%, credit 2%, update 74%, validation 13%, the rest 1%"}.
     */
    String shares() {
        long total = Math.max(1, nanos.getAsLong() - start);
        long phases = 0;
        StringJoiner text = new StringJoiner(", ");
        for (Phase phase : Phase.values()) {
            long nanosIn = spent.getOrDefault(phase, 0L);
            phases += nanosIn;
            text.add(String.format(Locale.ROOT, "%s %.0f%%", phase.name().toLowerCase(Locale.ROOT), 100.0 * nanosIn / total));
        }
        text.add(String.format(Locale.ROOT, "the rest %.0f%%", 100.0 * Math.max(0, total - phases) / total));
        return text.toString();
    }
}
