package org.ledrl.policy.mappo;

import java.util.List;

/**
 * An offloading policy that was trained and can show how: its model's training curve and, where the trainer
 * validated, its validation curve. The experiment report draws the convergence charts (success rate per training
 * episode, per policy) from them. Policy components implement it next to
 * {@link org.ledrl.api.policy.OffloadingPolicy}.
 */
public interface LearnedPolicy {

    /** Success rate per training episode of the model in use; empty when the model came without a curve. */
    List<CurvePoint> trainingCurve();

    /**
     * Success rate on fixed validation episodes during training, with greedy actions, at the training episodes the
     * trainer validated after; empty when the model's curve has none.
     */
    default List<CurvePoint> validationCurve() {
        return List.of();
    }
}
