package org.ledrl.policy.greedy.internal;

import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code greedy} baseline: sends each task to the available candidate with the earliest
 * estimated finish time, {@link Candidate#estimatedLatency} (transfer plus queue wait plus
 * compute). It does well when the load is uneven and links are fast, because it moves work off a
 * busy node as soon as a neighbour would finish sooner; it ignores reliability, so it keeps
 * choosing a fast node that fails often, and because every agent decides alone several agents may
 * pile onto the same idle neighbour in one slot.
 *
 * <p>Stateless: one instance serves every run and every thread.
 */
@Component(service = OffloadingPolicy.class)
@PolicyName(GreedyPolicy.NAME)
public final class GreedyPolicy implements OffloadingPolicy {

    static final String NAME = "greedy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        Task task = observation.task();
        Candidate best = null;
        double bestLatency = Double.POSITIVE_INFINITY;
        for (Candidate candidate : observation.candidates()) {
            double latency = candidate.estimatedLatency(task);
            // Strictly earlier only: on a tie the earlier candidate (the agent itself, then nearer nodes) keeps it.
            // A NaN estimate (unmeasured queue) never compares as earlier, so such a node is never chosen.
            if (candidate.available() && latency < bestLatency) {
                best = candidate;
                bestLatency = latency;
            }
        }
        // With nothing available the task stays on the agent's node, the only place it can go.
        return Decision.of(best == null ? observation.agent() : best.node(), NAME);
    }
}
