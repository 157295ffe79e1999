package org.ledrl.train.internal;

/**
 * The success rates of the greedy actor on the validation episodes: with honest priors (or none, for an actor
 * without priors) and, for a prior-consuming actor trained with noise, with deliberately misleading priors (NaN when
 * not measured); {@code ci95} is the half-width of the 95% interval of the honest rate over the validation seeds.
 */
record ValidationResult(double honest, double misleading, double ci95, double[] perSeed) {

    static final ValidationResult NONE = new ValidationResult(Double.NaN, Double.NaN, Double.NaN);

    /** A result read back from a curve, without the per-seed rates (they are not written). */
    ValidationResult(double honest, double misleading, double ci95) {
        this(honest, misleading, ci95, new double[0]);
    }

    /**
     * The gain in honest success over {@code other} (measured on the same seeds), with the half-width of its 95%
     * interval paired by seed: the seeds' own difficulty cancels out, so this interval is far narrower than either
     * result's own. NaN without per-seed rates.
     */
    double[] gainOver(ValidationResult other) {
        if (perSeed.length == 0 || perSeed.length != other.perSeed.length) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] differences = new double[perSeed.length];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = perSeed[i] - other.perSeed[i];
        }
        return new double[] {Validator.mean(differences), Validator.ci95(differences)};
    }

    /**
     * What model selection ranks by: the success rate expected over the priors the actor was trained with, honest
     * ones in a share {@code 1 - noise} of the episodes and missing or misleading ones in the rest, where the
     * misleading ones (the worse of the two) stand for both. The best honest score alone
     * would pick an actor that trusts its prior blindly (early in training it follows the prior closely, and a wrong
     * one then costs far more than missing priors would).
     */
    double score(double noise) {
        return Double.isNaN(misleading) ? honest : (1 - noise) * honest + noise * misleading;
    }
}
