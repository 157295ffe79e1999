package org.ledrl.train.internal;

import org.ledrl.api.policy.PolicyTrainer;
import org.ledrl.ml.MlRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The prior + MLP ablation: the MAPPO actor with the prior's values concatenated to each candidate token, no prior tokens ({@code train --algorithm mappo-prior-mlp}). */
@Component(service = PolicyTrainer.class)
@Algorithm(PriorMlpTrainer.ALGORITHM)
public final class PriorMlpTrainer extends PriorTrainers.Base {

    static final String ALGORITHM = "mappo-prior-mlp";

    @Activate
    public PriorMlpTrainer(@Reference MlRuntime runtime) {
        super(runtime, ALGORITHM, false);
    }
}
