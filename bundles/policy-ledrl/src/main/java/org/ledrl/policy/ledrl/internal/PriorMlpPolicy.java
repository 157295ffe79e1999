package org.ledrl.policy.ledrl.internal;

import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.ledrl.ml.MlRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The prior + MLP ablation: the MAPPO actor with the prior's values concatenated to each candidate token (no prior tokens, no alignment attention), LLM priors. */
@Component(service = OffloadingPolicy.class, configurationPid = PriorMlpPolicy.PID, immediate = true)
@PolicyName(PriorMlpPolicy.NAME)
@Designate(ocd = ModelConfig.class)
public final class PriorMlpPolicy extends ActorPolicy {

    static final String NAME = "mappo-prior-mlp";
    static final String PID = "org.ledrl.policy.mappo.priormlp";

    @Activate
    public PriorMlpPolicy(@Reference MlRuntime runtime, ModelConfig config) {
        super(NAME, new PriorNeeds(Source.LLM, false, false), runtime, PRIOR_MLP_MODEL, config);
    }
}
