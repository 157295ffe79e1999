package org.ledrl.policy.ledrl.internal;

import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.ledrl.ml.MlRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** LeDRL without the reflective evaluator: the alignment actor with LLM priors, prompts without lessons. */
@Component(service = OffloadingPolicy.class, configurationPid = LedrlNoReflectionPolicy.PID, immediate = true)
@PolicyName(LedrlNoReflectionPolicy.NAME)
@Designate(ocd = ModelConfig.class)
public final class LedrlNoReflectionPolicy extends ActorPolicy {

    static final String NAME = "ledrl-no-reflection";
    static final String PID = "org.ledrl.policy.ledrl.noreflection";

    @Activate
    public LedrlNoReflectionPolicy(@Reference MlRuntime runtime, ModelConfig config) {
        super(NAME, new PriorNeeds(Source.LLM, false, false), runtime, ALIGNMENT_MODEL, config);
    }
}
