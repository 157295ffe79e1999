package org.ledrl.policy.roundrobin.internal;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code round-robin} baseline: each agent hands its tasks to its candidates in turn (itself,
 * then each neighbour, then itself again), skipping those that are unavailable now. It ignores load,
 * deadlines and reliability, so it spreads work evenly and does well only when the nodes are alike
 * and the network is fast; on a heterogeneous network it keeps sending tasks to slow or distant
 * nodes. It is a reference point for what spreading alone buys.
 *
 * <p>The turn is kept per agent, so agents do not disturb each other's rotation. The service
 * instance serves live decisions (thread-safe); {@link #forRun} gives each simulation its own
 * rotation, which starts from the agent itself.
 */
@Component(service = OffloadingPolicy.class)
@PolicyName(RoundRobinPolicy.NAME)
public final class RoundRobinPolicy implements OffloadingPolicy {

    static final String NAME = "round-robin";

    /** Per agent, how many tasks it has placed so far: the next turn. */
    private final ConcurrentMap<Integer, Integer> turns = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        List<Candidate> candidates = observation.candidates();
        int turn = turns.merge(observation.agent(), 1, Integer::sum) - 1;
        int n = candidates.size();
        for (int step = 0; step < n; step++) {
            Candidate candidate = candidates.get(Math.floorMod(turn + step, n));
            if (candidate.available()) {
                return Decision.of(candidate.node(), NAME);
            }
        }
        // Nothing is reachable: the task stays where it is, the only place it can go.
        return Decision.of(observation.agent(), NAME);
    }

    @Override
    public OffloadingPolicy forRun(long seed) {
        return new RoundRobinPolicy();
    }
}
