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
 * The {@code ratc} baseline, the paper's RATC (reliability-aware task offloading, a deadline- and
 * reliability-aware greedy). A candidate is <em>feasible</em> when it is available, its estimated
 * latency ({@link Candidate#estimatedLatency}) meets the task's deadline and its estimated reliability
 * ({@link Candidate#estimatedReliability}) reaches the observation's threshold: exactly the two
 * conditions the task's success depends on. Among the feasible candidates RATC takes the one with the
 * fewest hops, the earliest estimated finish breaking ties: the task stays on the agent's node when
 * that node can make it, and otherwise goes as near as it can.
 *
 * <p>Why fewest hops first rather than earliest finish overall: every hop is a transfer that can be
 * lost, and a node that looks idle at the start of a slot is seen as idle by every agent near it, so
 * offloading a task that could have stayed draws the neighbours' tasks onto the same node in the same
 * slot (see README.md for the figures).
 *
 * <p>When no candidate is feasible the task cannot succeed anywhere (by the estimates), so RATC sends
 * it where it costs others the least: to the available candidate whose executor it would occupy the
 * shortest time before its deadline abandons it (the nearest one on a tie). That is the closest this
 * action space has to rejecting the task.
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
        double bestLatency = Double.POSITIVE_INFINITY;
        Candidate leastHarm = null;
        double leastWaste = Double.POSITIVE_INFINITY;
        for (Candidate candidate : observation.candidates()) {
            if (!candidate.available()) {
                continue;
            }
            double latency = candidate.estimatedLatency(task);
            if (feasible(candidate, task, latency, observation.reliabilityThreshold())
                    && (best == null || candidate.hops() < best.hops()
                    || candidate.hops() == best.hops() && latency < bestLatency)) {
                best = candidate;
                bestLatency = latency;
            }
            // Strictly less only: the nearer candidate (the agent itself first) keeps a tie. NaN never wins.
            double waste = wastedSeconds(candidate, task);
            if (waste < leastWaste) {
                leastHarm = candidate;
                leastWaste = waste;
            }
        }
        Candidate chosen = best != null ? best : leastHarm;
        // With nothing available (or nothing measured) the task stays on the agent's node.
        return Decision.of(chosen == null ? observation.agent() : chosen.node(), NAME);
    }

    /** Meets the deadline and the reliability threshold by the estimates; a NaN estimate never does. */
    static boolean feasible(Candidate candidate, Task task, double latency, double reliabilityThreshold) {
        return latency <= task.deadlineS() && candidate.estimatedReliability(task) >= reliabilityThreshold;
    }

    /**
     * Seconds of the candidate's executor the task would hold before it ends: its whole compute time when
     * it finishes in time, else the time from its start to its deadline, and nothing when it would not
     * start before its deadline (the executor drops it then).
     */
    static double wastedSeconds(Candidate candidate, Task task) {
        double start = candidate.transferSeconds(task) + candidate.status().queueSeconds();
        return Math.max(0.0, Math.min(candidate.computeSeconds(task), task.deadlineS() - start));
    }
}
