package org.ledrl.policy.ratc.internal;

import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code ratc} baseline, the paper's RATC (reliability-aware task offloading, deadline- and
 * reliability-aware greedy): among the available candidates whose estimated latency
 * ({@link Candidate#estimatedLatency}) meets the task's deadline, it picks the one with the highest
 * estimated reliability ({@link Candidate#estimatedReliability}), the earlier finish breaking ties;
 * when none meets the deadline the task stays on the agent's node (or, if that node is not
 * available, goes to the available candidate that finishes first). It does well when failures are
 * frequent and there is slack in the deadlines, since it trades speed for the node and path least
 * likely to fail; like every per-task greedy it cannot see that other agents are picking the same
 * node in the same slot.
 *
 * <p>Stateless: one instance serves every run and every thread.
 */
@Component(service = OffloadingPolicy.class)
@PolicyName(RatcPolicy.NAME)
public final class RatcPolicy implements OffloadingPolicy {

    static final String NAME = "ratc";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        Task task = observation.task();
        Candidate best = null;
        double bestReliability = Double.NEGATIVE_INFINITY;
        double bestLatency = Double.POSITIVE_INFINITY;
        Candidate earliest = null;
        double earliestLatency = Double.POSITIVE_INFINITY;
        for (Candidate candidate : observation.candidates()) {
            if (!candidate.available()) {
                continue;
            }
            double latency = candidate.estimatedLatency(task);
            if (latency < earliestLatency) {
                earliest = candidate;
                earliestLatency = latency;
            }
            if (!(latency <= task.deadlineS())) {
                continue; // misses the deadline, or its estimate is unknown (NaN)
            }
            double reliability = candidate.estimatedReliability(task);
            if (reliability > bestReliability || (reliability == bestReliability && latency < bestLatency)) {
                best = candidate;
                bestReliability = reliability;
                bestLatency = latency;
            }
        }
        if (best != null) {
            return Decision.of(best.node(), NAME);
        }
        // Nothing meets the deadline: keep the task local rather than also risk a transfer.
        if (observation.self().available() || earliest == null) {
            return Decision.of(observation.agent(), NAME);
        }
        return Decision.of(earliest.node(), NAME);
    }
}
