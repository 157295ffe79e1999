package org.ledrl.prior.heuristic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.prior.PromptContext;

/**
 * A strategy prior without an LLM, from the system model's estimates ({@link Candidate#estimatedLatency}
 * and {@link Candidate#estimatedReliability}) for the task in view.
 *
 * <p>Per candidate: an unavailable node, or one whose estimate misses the deadline or the reliability
 * threshold, is avoided with preference 0. Otherwise the preference is the geometric mean of the time
 * slack ({@code 1 - latency/deadline}) and the reliability margin ({@code (R - threshold)/(1 - threshold)}),
 * divided by {@code 1 + recent failures} of the node. The global strategy: AVOID_FAILING_REGION when a
 * third or more of the neighbourhood is down or failing; KEEP_LOCAL when the node itself is best (or
 * nothing is feasible); otherwise PREFER_FAST_LINKS when transfer is more than a quarter of the best
 * candidate's latency, else SPREAD. Pure and deterministic: the same context gives the same prior.
 */
public final class HeuristicPrior {

    /** The model name heuristic priors carry. */
    public static final String MODEL = "heuristic";

    private static final double TRANSFER_SHARE_FOR_FAST_LINKS = 0.25;

    private HeuristicPrior() {
    }

    public static StrategyPrior of(PromptContext context) {
        return of(context.observation());
    }

    public static StrategyPrior of(Observation obs) {
        Task task = obs.task();
        double threshold = obs.reliabilityThreshold();
        List<NodePreference> preferences = new ArrayList<>();
        Candidate best = null;
        double bestPreference = -1;
        int troubled = 0;
        int avoided = 0;
        for (Candidate c : obs.candidates()) {
            if (!c.available() || c.status().recentFailures() > 0) {
                troubled++;
            }
            double latency = c.estimatedLatency(task);
            double reliability = c.estimatedReliability(task);
            boolean avoid = !c.available() || !(latency <= task.deadlineS()) || !(reliability >= threshold);
            double preference = 0.0;
            if (!avoid) {
                double slack = clamp(1.0 - latency / task.deadlineS());
                double margin = threshold >= 1.0 ? 1.0 : clamp((reliability - threshold) / (1.0 - threshold));
                preference = Math.sqrt(slack * margin) / (1 + c.status().recentFailures());
                preference = Math.round(preference * 1000) / 1000.0;
            } else {
                avoided++;
            }
            preferences.add(new NodePreference(c.node(), preference, avoid));
            if (preference > bestPreference) {
                bestPreference = preference;
                best = c;
            }
        }
        GlobalStrategy strategy;
        int n = obs.candidates().size();
        if (n > 1 && troubled * 3 >= n) {
            strategy = GlobalStrategy.AVOID_FAILING_REGION;
        } else if (best == null || bestPreference <= 0 || best.hops() == 0) {
            strategy = GlobalStrategy.KEEP_LOCAL;
        } else if (best.transferSeconds(task) > TRANSFER_SHARE_FOR_FAST_LINKS * best.estimatedLatency(task)) {
            strategy = GlobalStrategy.PREFER_FAST_LINKS;
        } else {
            strategy = GlobalStrategy.SPREAD;
        }
        String rationale = best == null || bestPreference <= 0
                ? String.format(Locale.ROOT, "No candidate meets deadline %.2f s and reliability %.2f; %d of %d avoided.",
                task.deadlineS(), threshold, avoided, n)
                : String.format(Locale.ROOT, "Best node %d: estimated %.2f s, reliability %.3f; %d of %d avoided, %d down or failing.",
                best.node(), best.estimatedLatency(task), best.estimatedReliability(task), avoided, n, troubled);
        return new StrategyPrior(obs.agent(), preferences, strategy, rationale, MODEL, obs.timeMillis());
    }

    private static double clamp(double v) {
        return Double.isFinite(v) ? Math.max(0.0, Math.min(1.0, v)) : 0.0;
    }
}
