package org.ledrl.policy.mappo;

import java.util.ArrayList;
import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
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
 * <p>{@link #withPrior} makes the layout of the prior-consuming actors ({@value #LAYOUT_WITH_PRIOR}): each token
 * carries, after the {@link #FEATURES}, the {@link #PRIOR_FEATURES} of the strategy prior about that candidate
 * (whether there is a prior, whether it mentions the candidate, preference, avoid flag, the global strategy one-hot
 * and the prior's age). A missing prior ({@link StrategyPrior#none}) reads as no prior, no mention, age at the cap.
 *
 * <p>Immutable and thread-safe.
 */
public final class ObservationEncoder {

    /** Name and version of the layout, as model cards state it: {@link #FEATURES} then {@link #ACTIVITY_FEATURES}. */
    public static final String LAYOUT = "ledrl-candidates/2";

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

    /**
     * What the agents did lately ({@link RecentActivity}), appended to each token from layout 2 on: what a single
     * observation cannot show, since every agent of a slot sees the same queues.
     */
    public static final List<String> ACTIVITY_FEATURES = List.of(
            "sent_this_slot",                   // tasks sent there earlier in this slot / 5, capped at 2
            "slot_work_over_deadline",          // their compute seconds there / deadline
            "finish_with_slot_over_deadline",   // (estimated latency + that work) / deadline
            "meets_deadline_with_slot",         // estimated latency + that work <= deadline
            "inflow_per_slot",                  // usual tasks sent there per slot / 5, capped at 2
            "recent_success_here",              // this agent's recent tasks there that succeeded (0.5: none)
            "recent_tasks_here");               // how many such tasks, decayed, / 5, capped at 2

    /** The layout of actors that also read the strategy prior: {@link #LAYOUT}'s tokens then {@link #PRIOR_FEATURES}. */
    public static final String LAYOUT_WITH_PRIOR = "ledrl-candidates+prior/2";

    /** The prior's view of a candidate, appended to each token in {@link #LAYOUT_WITH_PRIOR}. */
    public static final List<String> PRIOR_FEATURES = List.of(
            "prior_present",            // 1 when there is a prior at all
            "prior_mentions",           // 1 when the prior has an opinion on this candidate
            "prior_preference",         // its preference in [0,1] (0.5 when it has none)
            "prior_avoid",              // 1 when it says to avoid this candidate
            "strategy_keep_local",      // the global strategy, one-hot (NONE is all zero)
            "strategy_spread",
            "strategy_avoid_failing_region",
            "strategy_prefer_fast_links",
            "prior_age");               // age in units of 30 s, capped at 2 (no prior: 2)

    static final double TIME_CAP = 4.0;
    static final double AGE_UNIT_MILLIS = 30_000.0;
    static final float AGE_CAP = 2f;

    private final int maxNodes;
    private final boolean withPrior;
    private final int stride;

    /** The plain layout, {@value #LAYOUT}. */
    public ObservationEncoder(int maxNodes) {
        this(maxNodes, false);
    }

    private ObservationEncoder(int maxNodes, boolean withPrior) {
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be at least 1: " + maxNodes);
        }
        this.maxNodes = maxNodes;
        this.withPrior = withPrior;
        this.stride = FEATURES.size() + ACTIVITY_FEATURES.size() + (withPrior ? PRIOR_FEATURES.size() : 0);
    }

    /** The layout with the prior's features in each token, {@value #LAYOUT_WITH_PRIOR}. */
    public static ObservationEncoder withPrior(int maxNodes) {
        return new ObservationEncoder(maxNodes, true);
    }

    /** The encoder of a layout a model card names; empty for a layout this engine does not encode. */
    public static java.util.Optional<ObservationEncoder> forLayout(String layout, int maxNodes) {
        return switch (layout) {
            case LAYOUT -> java.util.Optional.of(new ObservationEncoder(maxNodes, false));
            case LAYOUT_WITH_PRIOR -> java.util.Optional.of(new ObservationEncoder(maxNodes, true));
            default -> java.util.Optional.empty();
        };
    }

    /** Whether tokens carry the prior's features. */
    public boolean readsPrior() {
        return withPrior;
    }

    /** The name of this layout, as a model card states it. */
    public String layout() {
        return withPrior ? LAYOUT_WITH_PRIOR : LAYOUT;
    }

    /** Feature names per token, in order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(FEATURES);
        names.addAll(ACTIVITY_FEATURES);
        if (withPrior) {
            names.addAll(PRIOR_FEATURES);
        }
        return List.copyOf(names);
    }

    /** How many of a token's values (the last ones) describe the prior: 0 for the plain layout. */
    public int priorFeatures() {
        return withPrior ? PRIOR_FEATURES.size() : 0;
    }

    public int maxNodes() {
        return maxNodes;
    }

    /** Values per token: {@link #FEATURES}, plus {@link #PRIOR_FEATURES} in the layout with the prior. */
    public int features() {
        return stride;
    }

    /** Length of one encoded observation, {@code maxNodes * features()}. */
    public int observationSize() {
        return maxNodes * stride;
    }

    /**
     * Writes {@code observation} as row {@code row} of {@code observations} ({@code rows x observationSize()}) and
     * of {@code masks} ({@code rows x maxNodes}). Token {@code i} is candidate {@code i}.
     *
     * @return how many candidates were encoded (at most {@code maxNodes})
     */
    public int encode(Observation observation, float[] observations, float[] masks, int row) {
        return encode(observation, StrategyPrior.none(observation.agent()), RecentActivity.IDLE, observations, masks,
                row);
    }

    /**
     * Like {@link #encode(Observation, float[], float[], int)}, with {@code prior}'s view of each candidate in the
     * layout with the prior (ignored in the plain layout) and what the agents did lately in layouts from 2 on.
     */
    public int encode(Observation observation, StrategyPrior prior, RecentActivity activity, float[] observations,
                      float[] masks, int row) {
        Task task = observation.task();
        double deadline = task.deadlineS() > 0 ? task.deadlineS() : 1.0;
        List<Candidate> candidates = observation.candidates();
        int count = Math.min(candidates.size(), maxNodes);
        int f = stride;
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
            int next = at + FEATURES.size();
            encodeActivity(activity.figures(observation.agent(), observation.timeMillis(), c), latency, deadline,
                    observations, next);
            if (withPrior) {
                encodePrior(prior, c.node(), observation.timeMillis(), observations, next + ACTIVITY_FEATURES.size());
            }
        }
        return count;
    }

    private static void encodeActivity(RecentActivity.Figures f, double latency, double deadline, float[] out,
                                       int at) {
        out[at] = Math.min(f.sentThisSlot(), 10) / 5f;
        out[at + 1] = time(f.workThisSlotS() / deadline);
        double finish = latency + f.workThisSlotS();
        out[at + 2] = time(finish / deadline);
        out[at + 3] = finish <= deadline ? 1f : 0f;
        out[at + 4] = (float) Math.min(2.0, f.inflowPerSlot() / 5.0);
        out[at + 5] = (float) f.recentSuccess();
        out[at + 6] = (float) Math.min(2.0, f.recentTasks() / 5.0);
    }

    private static void encodePrior(StrategyPrior prior, int node, long now, float[] out, int at) {
        if (prior.isNone()) {
            out[at + 2] = 0.5f;
            out[at + 8] = AGE_CAP;
            return;
        }
        boolean mentioned = false;
        for (NodePreference p : prior.preferences()) {
            mentioned |= p.node() == node;
        }
        NodePreference preference = prior.preferenceFor(node);
        out[at] = 1f;
        out[at + 1] = mentioned ? 1f : 0f;
        out[at + 2] = (float) preference.preference();
        out[at + 3] = preference.avoid() ? 1f : 0f;
        GlobalStrategy strategy = prior.strategy();
        if (strategy != GlobalStrategy.NONE) {
            out[at + 3 + strategy.ordinal()] = 1f;
        }
        double age = Math.max(0, prior.ageMillis(now)) / AGE_UNIT_MILLIS;
        out[at + 8] = (float) Math.min(AGE_CAP, age);
    }

    private static float time(double ratio) {
        return Double.isNaN(ratio) ? (float) TIME_CAP : (float) Math.max(0, Math.min(TIME_CAP, ratio));
    }
}
