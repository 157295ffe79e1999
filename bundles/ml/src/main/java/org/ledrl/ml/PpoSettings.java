package org.ledrl.ml;

/**
 * PPO update settings.
 *
 * @param learningRate      Adam step size
 * @param clip              ratio clip epsilon
 * @param epochs            passes over the batch per update
 * @param minibatchSize     decisions per gradient step
 * @param valueCoef         weight of the value loss
 * @param entropyCoef       weight of the entropy bonus
 * @param maxGradNorm       gradient norm clip of the actor's weights (0 for none)
 * @param criticMaxGradNorm gradient norm clip of the critic's weights (0 for none); clipped apart from the actor's,
 *                          so that a large value error never shrinks the actor's step
 * @param shards            parts each minibatch is split into, whose gradients are computed side by side on up to
 *                          as many cores and then summed in a fixed order: the result depends on the shard count,
 *                          never on the cores (1: the whole minibatch in one pass)
 */
public record PpoSettings(double learningRate, double clip, int epochs, int minibatchSize, double valueCoef,
                          double entropyCoef, double maxGradNorm, double criticMaxGradNorm, int shards) {

    public PpoSettings {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1: " + shards);
        }
    }

    /** Settings whose minibatches are one shard each. */
    public PpoSettings(double learningRate, double clip, int epochs, int minibatchSize, double valueCoef,
                       double entropyCoef, double maxGradNorm, double criticMaxGradNorm) {
        this(learningRate, clip, epochs, minibatchSize, valueCoef, entropyCoef, maxGradNorm, criticMaxGradNorm, 1);
    }

    /** Settings whose critic is clipped at the actor's norm. */
    public PpoSettings(double learningRate, double clip, int epochs, int minibatchSize, double valueCoef,
                       double entropyCoef, double maxGradNorm) {
        this(learningRate, clip, epochs, minibatchSize, valueCoef, entropyCoef, maxGradNorm, maxGradNorm);
    }

    /** DESIGN.md: learning rate 4e-4, clip 0.2; the rest are the usual PPO defaults. */
    public static PpoSettings defaults() {
        return new PpoSettings(4e-4, 0.2, 4, 256, 0.5, 0.01, 0.5, 0.5);
    }

    /** The same settings with another learning rate and entropy weight (for schedules). */
    public PpoSettings scheduled(double rate, double entropy) {
        return new PpoSettings(rate, clip, epochs, minibatchSize, valueCoef, entropy, maxGradNorm, criticMaxGradNorm,
                shards);
    }
}
