package org.ledrl.policy.mappo;

import java.util.List;

/**
 * An offloading policy that was trained and can show how: its model's training curve. The experiment report draws
 * the convergence chart (success rate per training episode, per policy) from it. Policy components implement it
 * next to {@link org.ledrl.api.policy.OffloadingPolicy}.
 */
public interface LearnedPolicy {

    /** Success rate per training episode of the model in use; empty when the model came without a curve. */
    List<CurvePoint> trainingCurve();
}
