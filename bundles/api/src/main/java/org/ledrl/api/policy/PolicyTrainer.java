package org.ledrl.api.policy;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Trains a policy on an environment and writes a model a policy engine can load. Learning
 * bundles implement it, registered with an {@code algorithm} service property.
 */
@ConsumerType
public interface PolicyTrainer {

    /** The algorithm name users select it by, e.g. {@code mappo}. */
    String algorithm();

    TrainingResult train(TrainingRequest request, TrainingProgress progress) throws Exception;
}
