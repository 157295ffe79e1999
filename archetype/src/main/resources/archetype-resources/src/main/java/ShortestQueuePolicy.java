package ${package};

import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code ${policyName}} policy: each task goes to the available candidate (node and path up, the agent's own
 * node included) with the shortest queue; when none is available it stays on the agent's node. A starting point:
 * change {@link #decide} and keep the contract test green. Stateless, so one instance serves every thread and run.
 */
@Component(service = OffloadingPolicy.class)
@PolicyName(ShortestQueuePolicy.NAME)
public final class ShortestQueuePolicy implements OffloadingPolicy {

    static final String NAME = "${policyName}";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        Candidate best = null;
        for (Candidate c : observation.candidates()) {
            if (c.available() && (best == null || c.status().queueSeconds() < best.status().queueSeconds())) {
                best = c;
            }
        }
        return Decision.of(best == null ? observation.agent() : best.node(), NAME);
    }
}
