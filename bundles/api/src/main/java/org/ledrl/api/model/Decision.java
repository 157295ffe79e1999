package org.ledrl.api.model;

/**
 * Where a task runs: the target node id, the policy that chose it, and optionally that policy's
 * score per candidate (aligned with {@link Observation#candidates()}; empty when it has none).
 */
public record Decision(int target, String policy, double[] scores) {

    private static final double[] NO_SCORES = new double[0];

    public static Decision of(int target, String policy) {
        return new Decision(target, policy, NO_SCORES);
    }
}
