package org.ledrl.policy.mappo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;

/**
 * Deliberately wrong priors: every preference turned around ({@code 1 - p}), every avoid flag flipped, the
 * strategy swapped for its opposite. The trainer mixes them into training (so the alignment actor learns how far to
 * trust a prior) and tests use them to show that a wrong prior costs little.
 */
public final class MisleadingPriors {

    private MisleadingPriors() {
    }

    /** The opposite of {@code prior}; the null prior stays the null prior. */
    public static StrategyPrior invert(StrategyPrior prior) {
        if (prior.isNone()) {
            return prior;
        }
        List<NodePreference> inverted = new ArrayList<>(prior.preferences().size());
        for (NodePreference p : prior.preferences()) {
            inverted.add(new NodePreference(p.node(), 1.0 - p.preference(), !p.avoid()));
        }
        GlobalStrategy strategy = switch (prior.strategy()) {
            case KEEP_LOCAL -> GlobalStrategy.SPREAD;
            case SPREAD -> GlobalStrategy.KEEP_LOCAL;
            case AVOID_FAILING_REGION -> GlobalStrategy.PREFER_FAST_LINKS;
            case PREFER_FAST_LINKS -> GlobalStrategy.AVOID_FAILING_REGION;
            case NONE -> GlobalStrategy.NONE;
        };
        return new StrategyPrior(prior.node(), inverted, strategy, "misleading: " + prior.rationale(),
                "misleading-" + prior.model(), prior.issuedMillis());
    }

    /** A provider that answers the opposite of {@code honest}. */
    public static PriorProvider inverting(PriorProvider honest) {
        return new PriorProvider() {
            @Override
            public String name() {
                return "misleading-" + honest.name();
            }

            @Override
            public CompletionStage<StrategyPrior> propose(PromptContext context) {
                return honest.propose(context).thenApply(MisleadingPriors::invert);
            }
        };
    }
}
