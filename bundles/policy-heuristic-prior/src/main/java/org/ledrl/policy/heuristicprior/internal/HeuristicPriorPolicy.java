package org.ledrl.policy.heuristicprior.internal;

import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.ledrl.api.policy.PriorConsumer;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code heuristic-prior} baseline: the prior alone, with nothing learned on top. It sends each task to the
 * available candidate that the prior prefers most among those it does not avoid; when it avoids every available one,
 * to the available one it prefers most; when none is available, the task stays on the agent's node. It declares the
 * same priors as {@code ledrl-heuristic} (the heuristic provider, fresh: read when deciding), so the experiment table
 * shows what learning adds over the prior a learned policy is given.
 *
 * <p>A tie goes to the earlier candidate (the agent itself, then nearer nodes), so the choice depends on the
 * observation and the prior only. A prior that says nothing ({@link StrategyPrior#none}) prefers every node alike,
 * so the task stays home when the agent's node is up. Stateless: one instance serves every run and every thread.
 */
@Component(service = OffloadingPolicy.class)
@PolicyName(HeuristicPriorPolicy.NAME)
public final class HeuristicPriorPolicy implements PriorConsumer {

    static final String NAME = "heuristic-prior";

    private static final PriorNeeds NEEDS = new PriorNeeds(Source.HEURISTIC, false, false);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PriorNeeds priorNeeds() {
        return NEEDS;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        int best = -1;
        double bestPreference = Double.NEGATIVE_INFINITY;
        boolean bestAvoided = true;
        for (Candidate candidate : observation.candidates()) {
            if (!candidate.available()) {
                continue;
            }
            NodePreference preference = prior.preferenceFor(candidate.node());
            // Not avoided beats avoided; then strictly higher preference only, so a tie keeps the earlier candidate.
            boolean better = bestAvoided && !preference.avoid()
                    || bestAvoided == preference.avoid() && preference.preference() > bestPreference;
            if (better) {
                best = candidate.node();
                bestPreference = preference.preference();
                bestAvoided = preference.avoid();
            }
        }
        // With nothing available the task stays on the agent's node, the only place it can go.
        return Decision.of(best < 0 ? observation.agent() : best, NAME);
    }
}
