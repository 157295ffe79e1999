package org.ledrl.prior.heuristic.internal;

import java.util.concurrent.CompletionStage;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.prior.ProviderName;
import org.ledrl.prior.heuristic.HeuristicPrior;
import org.osgi.service.component.annotations.Component;

/** The {@code heuristic} prior provider service: {@link HeuristicPrior}, answered at once. */
@Component(service = PriorProvider.class)
@ProviderName(HeuristicPrior.MODEL)
public final class HeuristicPriorProvider implements PriorProvider {

    @Override
    public String name() {
        return HeuristicPrior.MODEL;
    }

    @Override
    public CompletionStage<StrategyPrior> propose(PromptContext context) {
        return HeuristicPrior.provider().propose(context);
    }
}
