package org.ledrl.ml.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.PpoSettings;
import org.ledrl.ml.RolloutBatch;
import org.ledrl.ml.UpdateStats;

/**
 * One PPO update of {@link AttentionActorCritic}: epochs over shuffled minibatches of the batch, the clipped surrogate,
 * the value loss and the entropy bonus, then an Adam step with actor and critic clipped apart
 * ({@link Parameters#adamStep}). Advantages are normalised over the batch. A minibatch's gradients are computed in
 * parts side by side ({@link PpoSettings#shards}). An instance runs one update.
 */
final class PpoUpdate {

    private final AttentionActorCritic networks;
    private final NetworkSpec spec;
    private final Parameters parameters;
    private final NDManager manager;
    /** Threads for a step's other parts, {@code helperCount} of them (none: the parts take turns on this thread). */
    private final ExecutorService helpers;
    private final int helperCount;
    private RolloutBatch batch;
    private PpoSettings settings;
    private float[] advantages;
    private int[] tokens;

    PpoUpdate(AttentionActorCritic networks, Parameters parameters, NDManager manager, ExecutorService helpers,
              int helperCount) {
        this.networks = networks;
        this.spec = networks.spec();
        this.parameters = parameters;
        this.manager = manager;
        this.helpers = helpers;
        this.helperCount = helpers == null ? 0 : helperCount;
    }

    /** Runs the epochs; the caller holds the training lock. */
    UpdateStats run(RolloutBatch batch, PpoSettings settings, long seed) {
        if (batch.size() == 0) {
            return new UpdateStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        this.batch = batch;
        this.settings = settings;
        this.advantages = normalised(batch.advantages());
        Random random = new Random(seed);
        int[] order = new int[batch.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.tokens = tokensNeeded(batch);
        double[] sums = new double[STATS];
        double firstRatioError = Double.NaN;
        int steps = 0;
        Engine.getEngine(PyTorch.ENGINE).setRandomSeed((int) seed);
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            shuffle(order, random);
            for (int start = 0; start < order.length; start += settings.minibatchSize()) {
                int size = Math.min(settings.minibatchSize(), order.length - start);
                double[] stats = step(order, start, size);
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
    private int[] tokensNeeded(RolloutBatch batch) {
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
     * One gradient step on rows {@code order[start..start+size)}: the rows are split into {@link PpoSettings#shards}
     * contiguous parts, each part's gradients are computed with its own copy of the weights, the parts spread over
     * this thread and the helpers, and the Adam step takes their sum in part order. Each part's loss is its mean
     * weighted by its share of the rows, so the parts' losses add up to the minibatch's mean loss. Dropout draws from
     * one global generator, so with dropout the parts take turns on this thread.
     */
    private double[] step(int[] order, int start, int size) {
        int parts = Math.min(settings.shards(), size);
        List<Map<String, NDArray>> weights = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            weights.add(parameters.shard(part)); // made here, on the updating thread
        }
        IntFunction<double[]> compute = part -> part(weights.get(part), order, start + part * size / parts,
                start + (part + 1) * size / parts, size);
        // thread t takes parts t, t + threads, ...; this thread is thread 0
        int threads = spec.dropout() == 0 ? Math.min(parts, helperCount + 1) : 1;
        double[][] stats = new double[parts][];
        List<Future<?>> others = new ArrayList<>();
        try {
            for (int thread = 1; thread < threads; thread++) {
                int first = thread;
                others.add(helpers.submit(() -> {
                    for (int part = first; part < parts; part += threads) {
                        stats[part] = compute.apply(part);
                    }
                }));
            }
            for (int part = 0; part < parts; part += threads) {
                stats[part] = compute.apply(part);
            }
            for (Future<?> other : others) {
                other.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a PPO update", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            others.forEach(PpoUpdate::awaitQuietly); // no part may still run when the step ends
        }
        double[] sums = new double[STATS + 1];
        for (double[] part : stats) {
            for (int k = 0; k < STATS; k++) {
                sums[k] += part[k];
            }
            sums[MAX_RATIO_ERROR] = Math.max(sums[MAX_RATIO_ERROR], part[MAX_RATIO_ERROR]);
        }
        double[] norms = parameters.adamStep(settings.learningRate(), settings.maxGradNorm(),
                settings.criticMaxGradNorm(), parts);
        sums[5] = norms[0];
        sums[6] = norms[1];
        return sums;
    }

    private static void awaitQuietly(Future<?> part) {
        try {
            part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the step throws the first failure it met (its own part's, or the first helper's it read)
        }
    }

    /**
     * The gradients of rows {@code order[from..to)} of a minibatch of {@code size} rows, left on {@code w}; returns
     * this part's share of the step's figures. The actor runs as in a rollout (dropout only if the spec asks for it),
     * so that before the first step the probability ratio is 1. Its tensors hold only the first {@code T} tokens of
     * each row, {@code T} the most any of these rows needs ({@code tokens}): trailing padding changes no real token's
     * score nor any gradient, and costs most of the work at 20 nodes with a few neighbours. Gradients are recorded
     * on this thread alone (PyTorch's grad mode is per thread), which lets parts run side by side.
     */
    private double[] part(Map<String, NDArray> w, int[] order, int from, int to, int size) {
        int rows = to - from;
        int obs = spec.observationSize();
        int ci = spec.criticInputs();
        int n = 1;
        for (int r = from; r < to; r++) {
            n = Math.max(n, tokens[order[r]]);
        }
        int rowSize = n * spec.features();
        float[] observations = new float[rows * rowSize];
        float[] masks = new float[rows * n];
        float[] critic = new float[rows * ci];
        float[] chosen = new float[rows * n];
        float[] oldLogProbs = new float[rows];
        float[] adv = new float[rows];
        float[] returns = new float[rows];
        for (int r = 0; r < rows; r++) {
            int row = order[from + r];
            System.arraycopy(batch.observations(), row * obs, observations, r * rowSize, rowSize);
            System.arraycopy(batch.masks(), row * spec.maxNodes(), masks, r * n, n);
            System.arraycopy(batch.criticInputs(), row * ci, critic, r * ci, ci);
            chosen[r * n + batch.actions()[row]] = 1f;
            oldLogProbs[r] = batch.oldLogProbs()[row];
            adv[r] = advantages[row];
            returns[r] = batch.returns()[row];
        }
        double share = rows == size ? 1 : rows / (double) size;
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
            NDArray advantage = sub.create(adv);
            double[] stats = new double[STATS + 1];
            NDArray scores = networks.actor(w, sub.create(observations, new Shape(rows, rowSize)),
                    sub.create(masks, new Shape(rows, n)), true, ScoredTokens.of(sub, masks, rows, n));
            NDArray logProbsAll = scores.logSoftmax(1);
            NDArray logProbs = logProbsAll.mul(sub.create(chosen, new Shape(rows, n))).sum(new int[] {1});
            NDArray logRatio = logProbs.sub(sub.create(oldLogProbs));
            NDArray ratio = logRatio.exp();
            NDArray policyLoss = shared(clippedObjective(ratio, advantage, settings.clip()).mean(), share).neg();
            NDArray entropy = shared(logProbsAll.exp().mul(logProbsAll).sum(new int[] {1}).mean(), share).neg();
            NDArray values = networks.critic(w, sub.create(critic, new Shape(rows, ci)));
            NDArray valueLoss = shared(values.sub(sub.create(returns)).square().mean(), share);
            NDArray loss = policyLoss.add(AttentionActorCritic.times(valueLoss, settings.valueCoef()))
                    .sub(AttentionActorCritic.times(entropy, settings.entropyCoef()));
            JniUtils.backward((PtNDArray) loss, (PtNDArray) sub.ones(loss.getShape(), loss.getDataType()), false,
                    false);
            NDArray ratioError = ratio.sub(1f).abs();
            stats[0] = policyLoss.getFloat();
            stats[1] = valueLoss.getFloat();
            stats[2] = entropy.getFloat();
            stats[3] = share * ratio.sub(1f).sub(logRatio).mean().getFloat();
            stats[4] = share * ratioError.gt(settings.clip()).toType(DataType.FLOAT32, false).mean().getFloat();
            stats[MAX_RATIO_ERROR] = ratioError.max().getFloat();
            return stats;
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    /** A part's mean weighted by its share of the minibatch (the whole minibatch's mean itself when the share is 1). */
    private static NDArray shared(NDArray mean, double share) {
        return share == 1 ? mean : AttentionActorCritic.times(mean, (float) share);
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
