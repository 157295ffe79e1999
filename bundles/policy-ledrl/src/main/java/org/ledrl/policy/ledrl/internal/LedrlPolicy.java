package org.ledrl.policy.ledrl.internal;

import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.ledrl.ml.MlRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The full LeDRL policy: the alignment actor with LLM priors whose prompts carry the reflective memory's lessons. */
@Component(service = OffloadingPolicy.class, configurationPid = LedrlPolicy.PID, immediate = true)
@PolicyName(LedrlPolicy.NAME)
@Designate(ocd = ModelConfig.class)
public final class LedrlPolicy extends ActorPolicy {

    static final String NAME = "ledrl";
    static final String PID = "org.ledrl.policy.ledrl";

    @Activate
    public LedrlPolicy(@Reference MlRuntime runtime, ModelConfig config) {
        super(NAME, new PriorNeeds(Source.LLM, true, false), runtime, ALIGNMENT_MODEL, config);
    }
}
