package org.ledrl.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;

/**
 * The streaming metrics of one run: an {@link Evaluator} that folds every decision, outcome and
 * event into counters and constant-memory histograms, so memory stays flat however many tasks a
 * run has (it grows only with episodes and nodes). The run driver ({@code org.ledrl.sim.Runner})
 * feeds it; anyone driving an environment by hand can too.
 *
 * <p>Yields the total {@link Summary}, one summary per episode (the learning curve), the load per
 * node and the latency distribution. Wall time is measured from construction (or
 * {@link #restartClock()}) to each episode end. Not thread-safe: one thread drives one run.
 */
public final class RunMetrics implements Evaluator {

    /** Latencies from a microsecond to a day, in seconds. */
    private static final double LATENCY_LOWEST_S = 1e-6;
    private static final double LATENCY_HIGHEST_S = 86_400;
    /** Decision times from a nanosecond to 100 seconds, in nanoseconds. */
    private static final double DECISION_LOWEST_NS = 1;
    private static final double DECISION_HIGHEST_NS = 1e11;
    private static final int CHART_BINS_PER_OCTAVE = 8;

    private final Totals run = new Totals();
    private final Totals episode = new Totals();
    private final List<Summary> episodes = new ArrayList<>();
    private long[] executed = new long[0];
    private long[] succeeded = new long[0];
    private long[] nodeFailures = new long[0];
    private int nodeCount;
    private long runStartNanos = System.nanoTime();
    private long episodeStartNanos = runStartNanos;

    @Override
    public String name() {
        return "metrics";
    }

    /** Starts the wall clock again, e.g. right before the first slot when setting up took long. */
    public void restartClock() {
        runStartNanos = System.nanoTime();
        episodeStartNanos = runStartNanos;
    }

    @Override
    public void onDecision(Observation observation, Decision decision, long decisionNanos) {
        run.decisions.record(decisionNanos);
        episode.decisions.record(decisionNanos);
    }

    @Override
    public void onOutcome(Outcome outcome) {
        run.add(outcome);
        episode.add(outcome);
        int node = outcome.executor();
        if (node >= 0) {
            ensureNode(node);
            executed[node]++;
            if (outcome.success()) {
                succeeded[node]++;
            }
        }
    }

    @Override
    public void onEvent(EnvironmentEvent event) {
        if (event.type() == EnvironmentEvent.Type.NODE_HARDWARE_FAILURE
                || event.type() == EnvironmentEvent.Type.NODE_SOFTWARE_FAILURE) {
            ensureNode(event.node());
            nodeFailures[event.node()]++;
        }
    }

    @Override
    public void onEpisodeEnd(int episodeIndex) {
        long now = System.nanoTime();
        episodes.add(episode.summary(now - episodeStartNanos));
        episode.reset();
        episodeStartNanos = now;
    }

    /** The whole run so far. */
    public Summary total() {
        return run.summary(System.nanoTime() - runStartNanos);
    }

    /** One summary per finished episode, in order: success rate and mean reward per episode make the curve. */
    public List<Summary> episodes() {
        return List.copyOf(episodes);
    }

    /** Load and failures per node, for every node seen. */
    public List<NodeLoad> nodes() {
        List<NodeLoad> loads = new ArrayList<>(nodeCount);
        for (int node = 0; node < nodeCount; node++) {
            // failed counts every task sent to the node that did not succeed
            loads.add(new NodeLoad(node, executed[node], succeeded[node], executed[node] - succeeded[node],
                    nodeFailures[node]));
        }
        return loads;
    }

    /** The run's task latency distribution in seconds, eight bins per power of two. */
    public List<HistogramBin> latencyHistogram() {
        return run.latency.bins(CHART_BINS_PER_OCTAVE);
    }

    private void ensureNode(int node) {
        nodeCount = Math.max(nodeCount, node + 1);
        if (node >= executed.length) {
            int size = Math.max(node + 1, executed.length * 2);
            executed = Arrays.copyOf(executed, size);
            succeeded = Arrays.copyOf(succeeded, size);
            nodeFailures = Arrays.copyOf(nodeFailures, size);
        }
    }

    /** Counters for one span (an episode or the run). */
    private static final class Totals {
        final LogHistogram latency = new LogHistogram(LATENCY_LOWEST_S, LATENCY_HIGHEST_S);
        final LogHistogram decisions = new LogHistogram(DECISION_LOWEST_NS, DECISION_HIGHEST_NS);
        final long[] byReason = new long[FailureReason.values().length];
        long tasks;
        double rewardSum;

        void add(Outcome outcome) {
            tasks++;
            byReason[outcome.failure().ordinal()]++;
            rewardSum += outcome.reward();
            latency.record(outcome.latencyS());
        }

        void reset() {
            latency.reset();
            decisions.reset();
            Arrays.fill(byReason, 0L);
            tasks = 0;
            rewardSum = 0;
        }

        Summary summary(long wallNanos) {
            long successes = byReason[FailureReason.NONE.ordinal()];
            Map<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);
            for (FailureReason reason : FailureReason.values()) {
                if (!reason.isSuccess()) {
                    failures.put(reason, byReason[reason.ordinal()]);
                }
            }
            double wallS = wallNanos / 1e9;
            return new Summary(tasks, successes, tasks == 0 ? Double.NaN : (double) successes / tasks, failures,
                    latency.mean(), latency.quantile(0.50), latency.quantile(0.95), latency.quantile(0.99),
                    decisions.count(), decisions.mean() / 1e3, decisions.quantile(0.50) / 1e3,
                    decisions.quantile(0.99) / 1e3, tasks == 0 ? Double.NaN : rewardSum / tasks, wallS,
                    wallS > 0 ? tasks / wallS : Double.NaN);
        }
    }
}
