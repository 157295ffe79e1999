package org.ledrl.ml.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.PpoSettings;
import org.ledrl.ml.RolloutBatch;
import org.ledrl.ml.UpdateStats;

/**
 * One PPO update of {@link AttentionActorCritic}: epochs over shuffled minibatches of the batch, the clipped surrogate,
 * the value loss and the entropy bonus, then an Adam step with actor and critic clipped apart
 * ({@link Parameters#adamStep}). Advantages are normalised over the batch.
 */
final class PpoUpdate {

    private final AttentionActorCritic networks;
    private final NetworkSpec spec;
    private final Parameters parameters;
    private final NDManager manager;

    PpoUpdate(AttentionActorCritic networks, Parameters parameters, NDManager manager) {
        this.networks = networks;
        this.spec = networks.spec();
        this.parameters = parameters;
        this.manager = manager;
    }

    /** Runs the epochs; the caller holds the training lock. */
    UpdateStats run(RolloutBatch batch, PpoSettings settings, long seed) {
        if (batch.size() == 0) {
            return new UpdateStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        float[] advantages = normalised(batch.advantages());
        Random random = new Random(seed);
        int[] order = new int[batch.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int[] tokens = tokens(batch);
        double[] sums = new double[STATS];
        double firstRatioError = Double.NaN;
        int steps = 0;
        Engine.getEngine(PyTorch.ENGINE).setRandomSeed((int) seed);
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            shuffle(order, random);
            for (int start = 0; start < order.length; start += settings.minibatchSize()) {
                int size = Math.min(settings.minibatchSize(), order.length - start);
                double[] stats = step(batch, advantages, tokens, order, start, size, settings);
                if (steps == 0) {
                    firstRatioError = stats[MAX_RATIO_ERROR];
                }
                for (int k = 0; k < STATS; k++) {
                    sums[k] += stats[k];
                }
                steps++;
            }
        }
        return new UpdateStats(sums[0] / steps, sums[1] / steps, sums[2] / steps, sums[3] / steps, steps,
                sums[4] / steps, sums[5] / steps, sums[6] / steps, firstRatioError);
    }

    /** Figures of one gradient step: policy loss, value loss, entropy, KL, clip fraction, grad norms; then the
     * largest ratio error, which is not averaged. */
    private static final int STATS = 7;
    private static final int MAX_RATIO_ERROR = 7;

    /**
     * Per row of {@code batch}, how many leading tokens it needs: up to its last real token (feature 0 set), and at
     * least up to its action. The encoder puts a row's candidates first, so this is about its candidate count.
     */
    private int[] tokens(RolloutBatch batch) {
        int n = spec.maxNodes();
        int f = spec.features();
        int[] tokens = new int[batch.size()];
        for (int row = 0; row < tokens.length; row++) {
            int last = batch.actions()[row] + 1;
            for (int t = n - 1; t >= last; t--) {
                if (batch.observations()[(row * n + t) * f] != 0f) {
                    last = t + 1;
                    break;
                }
            }
            tokens[row] = last;
        }
        return tokens;
    }

    /**
     * One gradient step on rows {@code order[start..start+size)}. The actor runs as in a rollout (dropout only if the
     * spec asks for it), so that before the first step the probability ratio is 1. Its tensors hold only the first
     * {@code T} tokens of each row, {@code T} the most any of these rows needs ({@code tokens}): trailing padding
     * changes no real token's score nor any gradient, and costs most of the work at 20 nodes with a few neighbours.
     */
    private double[] step(RolloutBatch batch, float[] advantages, int[] tokens, int[] order, int start, int size,
                          PpoSettings settings) {
        int obs = spec.observationSize();
        int ci = spec.criticInputs();
        int n = 1;
        for (int r = 0; r < size; r++) {
            n = Math.max(n, tokens[order[start + r]]);
        }
        int rowSize = n * spec.features();
        float[] observations = new float[size * rowSize];
        float[] masks = new float[size * n];
        float[] critic = new float[size * ci];
        float[] chosen = new float[size * n];
        float[] oldLogProbs = new float[size];
        float[] adv = new float[size];
        float[] returns = new float[size];
        for (int r = 0; r < size; r++) {
            int row = order[start + r];
            System.arraycopy(batch.observations(), row * obs, observations, r * rowSize, rowSize);
            System.arraycopy(batch.masks(), row * spec.maxNodes(), masks, r * n, n);
            System.arraycopy(batch.criticInputs(), row * ci, critic, r * ci, ci);
            chosen[r * n + batch.actions()[row]] = 1f;
            oldLogProbs[r] = batch.oldLogProbs()[row];
            adv[r] = advantages[row];
            returns[r] = batch.returns()[row];
        }
        try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
            NDArray advantage = sub.create(adv);
            double[] stats = new double[STATS + 1];
            try (GradientCollector collector = Engine.getEngine(PyTorch.ENGINE).newGradientCollector()) {
                NDArray scores = networks.actor(sub.create(observations, new Shape(size, rowSize)),
                        sub.create(masks, new Shape(size, n)), true, ScoredTokens.of(sub, masks, size, n));
                NDArray logProbsAll = scores.logSoftmax(1);
                NDArray logProbs = logProbsAll.mul(sub.create(chosen, new Shape(size, n))).sum(new int[] {1});
                NDArray logRatio = logProbs.sub(sub.create(oldLogProbs));
                NDArray ratio = logRatio.exp();
                NDArray policyLoss = clippedObjective(ratio, advantage, settings.clip()).mean().neg();
                NDArray entropy = logProbsAll.exp().mul(logProbsAll).sum(new int[] {1}).mean().neg();
                NDArray values = networks.critic(sub.create(critic, new Shape(size, ci)));
                NDArray valueLoss = values.sub(sub.create(returns)).square().mean();
                NDArray loss = policyLoss.add(AttentionActorCritic.times(valueLoss, settings.valueCoef()))
                        .sub(AttentionActorCritic.times(entropy, settings.entropyCoef()));
                collector.backward(loss);
                NDArray ratioError = ratio.sub(1f).abs();
                stats[0] = policyLoss.getFloat();
                stats[1] = valueLoss.getFloat();
                stats[2] = entropy.getFloat();
                stats[3] = ratio.sub(1f).sub(logRatio).mean().getFloat();
                stats[4] = ratioError.gt(settings.clip()).toType(DataType.FLOAT32, false)
                        .mean().getFloat();
                stats[MAX_RATIO_ERROR] = ratioError.max().getFloat();
            }
            double[] norms = parameters.adamStep(settings.learningRate(), settings.maxGradNorm(),
                    settings.criticMaxGradNorm());
            stats[5] = norms[0];
            stats[6] = norms[1];
            return stats;
        }
    }

    /**
     * PPO's clipped surrogate per decision, {@code min(r A, clip(r, 1 - eps, 1 + eps) A)}: a step gains nothing from
     * moving the ratio beyond {@code 1 +- eps} in the direction the advantage favours.
     */
    static NDArray clippedObjective(NDArray ratio, NDArray advantage, double clip) {
        NDArray clipped = ratio.clip(1 - clip, 1 + clip);
        return ratio.mul(advantage).minimum(clipped.mul(advantage));
    }

    /** The advantages scaled to mean 0 and standard deviation 1 over the batch (PPO's advantage normalisation). */
    static float[] normalised(float[] values) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / values.length) + 1e-8;
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) ((values[i] - mean) / std);
        }
        return out;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
