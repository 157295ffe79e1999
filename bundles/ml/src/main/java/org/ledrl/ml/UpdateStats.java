package org.ledrl.ml;

/** What one PPO update did, averaged over its gradient steps. */
public record UpdateStats(double policyLoss, double valueLoss, double entropy, double approxKl, int steps) {
}
