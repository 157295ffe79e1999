package org.ledrl.ml;

/**
 * What one PPO update did, averaged over its gradient steps.
 *
 * @param policyLoss      clipped surrogate loss
 * @param valueLoss       mean squared error of the critic against its targets
 * @param entropy         mean entropy of the action distribution
 * @param approxKl        approximate KL divergence of the new policy from the old, {@code mean((r - 1) - log r)}
 * @param steps           gradient steps
 * @param clipFraction    share of decisions whose probability ratio was outside {@code 1 +- clip}
 * @param actorGradNorm   mean gradient norm of the actor's weights, before clipping
 * @param criticGradNorm  mean gradient norm of the critic's weights, before clipping
 * @param firstRatioError the largest {@code |ratio - 1|} of the first minibatch, before any step: 0 up to rounding
 *                        when the update computes the same policy that chose the actions
 */
public record UpdateStats(double policyLoss, double valueLoss, double entropy, double approxKl, int steps,
                          double clipFraction, double actorGradNorm, double criticGradNorm, double firstRatioError) {

    /** The figures of the first releases, the newer ones unknown (NaN). */
    public UpdateStats(double policyLoss, double valueLoss, double entropy, double approxKl, int steps) {
        this(policyLoss, valueLoss, entropy, approxKl, steps, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
