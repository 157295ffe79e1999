package org.ledrl.train.internal;

import org.ledrl.api.policy.PolicyTrainer;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.ml.MlRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The prior + MLP ablation: the MAPPO actor with the prior's values concatenated to each candidate token, no prior tokens ({@code train --algorithm mappo-prior-mlp}). */
@Component(service = PolicyTrainer.class)
@Algorithm(PriorMlpTrainer.ALGORITHM)
public final class PriorMlpTrainer extends PriorTrainers.Base {

    static final String ALGORITHM = "mappo-prior-mlp";

    @Activate
    public PriorMlpTrainer(@Reference MlRuntime runtime) {
        super(runtime, ALGORITHM, false);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(PriorProvider provider) {
        providers.add(provider);
    }

    void removeProvider(PriorProvider provider) {
        providers.remove(provider);
    }
}
