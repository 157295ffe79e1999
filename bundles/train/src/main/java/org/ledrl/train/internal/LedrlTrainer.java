package org.ledrl.train.internal;

import org.ledrl.api.policy.PolicyTrainer;
import org.ledrl.ml.MlRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** LeDRL: the alignment actor (observation and prior tokens attend to each other) trained with priors ({@code train --algorithm ledrl}). */
@Component(service = PolicyTrainer.class)
@Algorithm(LedrlTrainer.ALGORITHM)
public final class LedrlTrainer extends PriorTrainers.Base {

    static final String ALGORITHM = "ledrl";

    @Activate
    public LedrlTrainer(@Reference MlRuntime runtime) {
        super(runtime, ALGORITHM, true);
    }
}
