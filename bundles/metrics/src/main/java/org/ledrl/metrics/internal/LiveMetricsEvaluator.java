package org.ledrl.metrics.internal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.metrics.LiveMetrics;
import org.ledrl.metrics.LiveWindow;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code metrics} evaluator of the live platform: keeps the last outcomes and decision times in
 * fixed ring buffers (constant memory, nothing per task retained beyond the window) and answers
 * {@link LiveMetrics#snapshot()} for the runtime and the console.
 */
@Component(service = {Evaluator.class, LiveMetrics.class}, immediate = true,
        configurationPid = "org.ledrl.metrics.live")
@Designate(ocd = LiveMetricsEvaluator.Config.class)
public final class LiveMetricsEvaluator implements Evaluator, LiveMetrics {

    @ObjectClassDefinition(name = "LeDRL live metrics",
            description = "Sliding window over the latest task outcomes and decision times.")
    public @interface Config {
        @AttributeDefinition(name = "Window size", description = "How many of the latest outcomes (and decisions) "
                + "the window keeps; between 10 and 1000000.", min = "10", max = "1000000")
        int windowSize() default 1000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LiveMetricsEvaluator.class);
    private static final int MIN_WINDOW = 10;
    private static final int MAX_WINDOW = 1_000_000;

    private Window window = new Window(1000);

    @Activate
    @Modified
    void configure(Config config) {
        int size = config.windowSize();
        if (size < MIN_WINDOW || size > MAX_WINDOW) {
            // keep the window we have: bad configuration must not lose live data
            LOG.error("org.ledrl.metrics.live: windowSize {} is out of range {}..{}; keeping {}", size, MIN_WINDOW,
                    MAX_WINDOW, currentCapacity());
            return;
        }
        synchronized (this) {
            if (size != window.capacity) {
                window = new Window(size);
            }
        }
    }

    private synchronized int currentCapacity() {
        return window.capacity;
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public synchronized void onDecision(Observation observation, Decision decision, long decisionNanos) {
        window.decision(decisionNanos);
    }

    @Override
    public synchronized void onOutcome(Outcome outcome) {
        window.outcome(outcome);
    }

    @Override
    public synchronized LiveWindow snapshot() {
        return window.snapshot();
    }

    /** Ring buffers of the latest outcomes and decision times. */
    static final class Window {
        final int capacity;
        private final byte[] reasons;
        private final double[] latencies;
        private final long[] decisionNanos;
        private int outcomes;
        private long totalDecisions;
        private long totalTasks;
        private long lastOutcomeMillis = -1;

        Window(int capacity) {
            this.capacity = capacity;
            this.reasons = new byte[capacity];
            this.latencies = new double[capacity];
            this.decisionNanos = new long[capacity];
        }

        void outcome(Outcome outcome) {
            int at = (int) (totalTasks % capacity);
            reasons[at] = (byte) outcome.failure().ordinal();
            latencies[at] = outcome.latencyS();
            totalTasks++;
            outcomes = (int) Math.min(capacity, totalTasks);
            lastOutcomeMillis = outcome.completedMillis();
        }

        void decision(long nanos) {
            decisionNanos[(int) (totalDecisions % capacity)] = nanos;
            totalDecisions++;
        }

        LiveWindow snapshot() {
            FailureReason[] all = FailureReason.values();
            Map<FailureReason, Integer> failures = new EnumMap<>(FailureReason.class);
            int successes = 0;
            double latencySum = 0;
            for (int i = 0; i < outcomes; i++) {
                FailureReason reason = all[reasons[i]];
                if (reason.isSuccess()) {
                    successes++;
                } else {
                    failures.merge(reason, 1, Integer::sum);
                }
                latencySum += latencies[i];
            }
            double[] sortedLatencies = Arrays.copyOf(latencies, outcomes);
            Arrays.sort(sortedLatencies);
            long[] sortedDecisions = Arrays.copyOf(decisionNanos, (int) Math.min(totalDecisions, capacity));
            Arrays.sort(sortedDecisions);
            return new LiveWindow(capacity, outcomes, outcomes == 0 ? Double.NaN : (double) successes / outcomes,
                    failures, outcomes == 0 ? Double.NaN : latencySum / outcomes, rank(sortedLatencies, 0.95),
                    rank(sortedDecisions, 0.50) / 1e3, rank(sortedDecisions, 0.99) / 1e3, totalTasks,
                    lastOutcomeMillis);
        }

        private static double rank(double[] sorted, double q) {
            return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }

        private static double rank(long[] sorted, double q) {
            return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }
}
