package org.ledrl.policy.mappo;

import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;

/**
 * Turns an observation into the actor's input: one token per candidate (the agent's own node first, in the
 * observation's order), {@link #FEATURES} values each, padded with zero tokens to {@code maxNodes}; and a mask that
 * allows only candidates that are up and reachable. The one place that defines the layout: the trainer and the
 * policy engine both use it, and a model card names it ({@link #LAYOUT}).
 *
 * <p>Every feature is normalised to a small range: times are divided by the task's deadline and capped at
 * {@value #TIME_CAP} (NaN, an unmeasured value, counts as the cap), counts are scaled and capped, flags are 0 or 1.
 * Candidates beyond {@code maxNodes} are left out (they are the furthest: candidates come nearest first).
 *
 * <p>Immutable and thread-safe.
 */
public final class ObservationEncoder {

    /** Name and version of this layout, as model cards state it. */
    public static final String LAYOUT = "ledrl-candidates/1";

    /** Feature names in token order; feature 0 tells a real token from padding, as the actor requires. */
    public static final List<String> FEATURES = List.of(
            "present",                  // 1 for a candidate, 0 for padding
            "self",                     // 1 for the agent's own node
            "available",                // node up and path up
            "latency_over_deadline",    // estimated latency / deadline
            "meets_deadline",           // estimated latency <= deadline
            "reliability",              // estimated reliability in [0,1]
            "meets_reliability",        // estimated reliability >= threshold
            "queue_over_deadline",      // queue wait / deadline
            "compute_over_deadline",    // compute time there / deadline
            "transfer_over_deadline",   // transfer time / deadline
            "hops",                     // hops / 4
            "cpu_load",                 // [0,1]
            "recent_failures",          // recent node failures / 5, capped at 2
            "queue_length");            // queued tasks / 10, capped at 2

    static final double TIME_CAP = 4.0;

    private final int maxNodes;

    public ObservationEncoder(int maxNodes) {
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be at least 1: " + maxNodes);
        }
        this.maxNodes = maxNodes;
    }

    public int maxNodes() {
        return maxNodes;
    }

    public int features() {
        return FEATURES.size();
    }

    /** Length of one encoded observation, {@code maxNodes * features()}. */
    public int observationSize() {
        return maxNodes * FEATURES.size();
    }

    /**
     * Writes {@code observation} as row {@code row} of {@code observations} ({@code rows x observationSize()}) and
     * of {@code masks} ({@code rows x maxNodes}). Token {@code i} is candidate {@code i}.
     *
     * @return how many candidates were encoded (at most {@code maxNodes})
     */
    public int encode(Observation observation, float[] observations, float[] masks, int row) {
        Task task = observation.task();
        double deadline = task.deadlineS() > 0 ? task.deadlineS() : 1.0;
        List<Candidate> candidates = observation.candidates();
        int count = Math.min(candidates.size(), maxNodes);
        int f = FEATURES.size();
        int obsBase = row * observationSize();
        java.util.Arrays.fill(observations, obsBase, obsBase + observationSize(), 0f);
        java.util.Arrays.fill(masks, row * maxNodes, (row + 1) * maxNodes, 0f);
        for (int i = 0; i < count; i++) {
            Candidate c = candidates.get(i);
            int at = obsBase + i * f;
            double latency = c.estimatedLatency(task);
            double reliability = c.estimatedReliability(task);
            boolean available = c.available();
            observations[at] = 1f;
            observations[at + 1] = c.hops() == 0 ? 1f : 0f;
            observations[at + 2] = available ? 1f : 0f;
            observations[at + 3] = time(latency / deadline);
            observations[at + 4] = latency <= task.deadlineS() ? 1f : 0f;
            observations[at + 5] = Double.isNaN(reliability) ? 0f : (float) reliability;
            observations[at + 6] = reliability >= observation.reliabilityThreshold() ? 1f : 0f;
            observations[at + 7] = time(c.status().queueSeconds() / deadline);
            observations[at + 8] = time(c.computeSeconds(task) / deadline);
            observations[at + 9] = time(c.transferSeconds(task) / deadline);
            observations[at + 10] = (float) Math.min(c.hops(), 8) / 4f;
            observations[at + 11] = Double.isNaN(c.status().cpuLoad()) ? 0f
                    : (float) Math.max(0, Math.min(1, c.status().cpuLoad()));
            observations[at + 12] = Math.min(c.status().recentFailures(), 10) / 5f;
            observations[at + 13] = Math.min(c.status().queueLength(), 20) / 10f;
            masks[row * maxNodes + i] = available ? 1f : 0f;
        }
        return count;
    }

    private static float time(double ratio) {
        return Double.isNaN(ratio) ? (float) TIME_CAP : (float) Math.max(0, Math.min(TIME_CAP, ratio));
    }
}
