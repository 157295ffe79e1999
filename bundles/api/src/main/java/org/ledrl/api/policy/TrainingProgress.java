package org.ledrl.api.policy;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives training progress, once per episode. */
@ConsumerType
@FunctionalInterface
public interface TrainingProgress {

    void episode(int episode, int totalEpisodes, double meanReturn, double successRate);
}
