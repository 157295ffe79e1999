package org.ledrl.policy.ledrl.internal;

import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.ledrl.ml.MlRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The ablation with the heuristic prior: the alignment actor with priors from the deterministic heuristic provider, no
 * LLM. The heuristic has no latency, so its priors are fresh (read when deciding), and the model was trained so.
 */
@Component(service = OffloadingPolicy.class, configurationPid = LedrlHeuristicPolicy.PID, immediate = true)
@PolicyName(LedrlHeuristicPolicy.NAME)
@Designate(ocd = ModelConfig.class)
public final class LedrlHeuristicPolicy extends ActorPolicy {

    static final String NAME = "ledrl-heuristic";
    static final String PID = "org.ledrl.policy.ledrl.heuristic";

    @Activate
    public LedrlHeuristicPolicy(@Reference MlRuntime runtime, ModelConfig config) {
        super(NAME, new PriorNeeds(Source.HEURISTIC, false, false), runtime, HEURISTIC_ALIGNMENT_MODEL, config);
    }
}
