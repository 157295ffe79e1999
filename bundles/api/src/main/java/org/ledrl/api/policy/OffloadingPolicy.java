package org.ledrl.api.policy;

import java.util.ArrayList;
import java.util.List;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides which node executes a task. Integrators implement it in a policy bundle and register it
 * as a service with a {@link PolicyName} property; the decision service and the simulator's
 * commands pick it up by name or ranking.
 *
 * <p>{@link #decide} is on the hot path: it must answer in microseconds, never block on I/O,
 * and return one of the observation's available candidates.
 */
@ConsumerType
public interface OffloadingPolicy {

    /** The name users select it by; the same as the service's {@code policy.name} property. */
    String name();

    /** Picks the executor for {@code observation.task()}; {@code prior} is never null (see {@link StrategyPrior#none}). */
    Decision decide(Observation observation, StrategyPrior prior);

    /**
     * Decides all tasks of one slot. Policies that assign tasks jointly (e.g. a genetic search)
     * override it; the default decides each task on its own.
     */
    default List<Decision> decideSlot(List<Observation> observations, List<StrategyPrior> priors) {
        List<Decision> decisions = new ArrayList<>(observations.size());
        for (int i = 0; i < observations.size(); i++) {
            decisions.add(decide(observations.get(i), priors.get(i)));
        }
        return decisions;
    }

    /**
     * A copy for one run, seeded: policies with state (a random generator, a round-robin counter)
     * return a fresh instance so that runs side by side stay independent and reproducible.
     * Stateless policies return themselves.
     */
    default OffloadingPolicy forRun(long seed) {
        return this;
    }
}
