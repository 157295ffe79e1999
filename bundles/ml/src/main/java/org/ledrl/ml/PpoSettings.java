package org.ledrl.ml;

/**
 * PPO update settings.
 *
 * @param learningRate  Adam step size
 * @param clip          ratio clip epsilon
 * @param epochs        passes over the batch per update
 * @param minibatchSize decisions per gradient step
 * @param valueCoef     weight of the value loss
 * @param entropyCoef   weight of the entropy bonus
 * @param maxGradNorm   global gradient norm clip (0 for none)
 */
public record PpoSettings(double learningRate, double clip, int epochs, int minibatchSize, double valueCoef,
                          double entropyCoef, double maxGradNorm) {

    /** DESIGN.md: learning rate 4e-4, clip 0.2; the rest are the usual PPO defaults. */
    public static PpoSettings defaults() {
        return new PpoSettings(4e-4, 0.2, 4, 256, 0.5, 0.01, 0.5);
    }
}
