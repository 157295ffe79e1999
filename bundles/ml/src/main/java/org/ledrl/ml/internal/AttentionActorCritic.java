package org.ledrl.ml.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.concurrent.locks.Lock;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.PpoSettings;
import org.ledrl.ml.RolloutBatch;
import org.ledrl.ml.UpdateStats;

/**
 * The MAPPO networks in DJL (PyTorch engine), written directly as array operations so that the ONNX export
 * ({@link ActorOnnxExport}) is the same computation, operation by operation.
 *
 * <p>Actor, per observation of {@code N} tokens with {@code F} features ({@code x}, {@code [N,F]}):
 * <pre>
 * e = x We + be                                   token embeddings [N,d]
 * a = softmax(e Wq (e Wk)^T / sqrt(d) + keyBias) e Wv   one-head self-attention; padding tokens are not attended
 * h = e + a Wa + ba                               residual (dropout on a Wa + ba while training)
 * p = mean of h over real tokens                  pooled neighbourhood [1,d]
 * z = relu(relu(h H1t + p H1p + x H1x + b1) H2 + b2)
 * scores = z Ws + bs + (mask - 1) 1e9             one masked logit per token
 * </pre>
 * With prior features ({@link NetworkSpec#aligned()}), LeDRL's alignment module: each token's last values
 * {@code r} (the prior's view of that candidate) become a prior token {@code r Wr + br}; the {@code N} observation
 * tokens and the {@code N} prior tokens attend to each other as one set of {@code 2N} (padding candidates' tokens
 * are not attended), the pool runs over all {@code 2N}, and the head adds the candidate's aligned prior token:
 * {@code z = relu(relu(h_obs H1t + h_prior H1r + p H1p + x H1x + b1) H2 + b2)}. Since a prior token carries the
 * prior's age and whether there is one, the attention can learn how far to trust it.
 *
 * <p>With the preference and avoid flag among the prior features ({@link NetworkSpec#residualPrior()}) the prior is
 * also a residual bias on the scores, with two learned trust weights:
 * {@code scores += wp * log(eps + relu(preference)) - AVOID_SCALE * wa * avoid}. They start so that the untrained
 * policy already follows the prior, and PPO learns how much to keep trusting it (down to 0 for a useless prior).
 * Without a prior every candidate's preference is the same, so the bias changes nothing.
 *
 * <p>Critic: a two-layer ReLU MLP over the critic input. Training steps run one at a time per JVM (DJL's PyTorch
 * gradient recording is process-wide), guarded by the runtime's training lock.
 */
final class AttentionActorCritic implements ActorCritic {

    static final float MASK_PENALTY = 1e9f;
    /** Keeps {@code log(eps + preference)} finite for a preference of 0. */
    static final float PREFERENCE_EPSILON = 1e-3f;
    /** Scale of the avoid flag's bias, so that a trust of 1 makes an avoided candidate all but unchosen. */
    static final float AVOID_SCALE = 10f;
    private static final int MAGIC_PLAIN = 0x4C454432; // "LED2": MAPPO networks, before prior tokens existed
    private static final int MAGIC_TOKENS = 0x4C454433; // "LED3": the spec carries priorFeatures, no trust weights
    private static final int MAGIC = 0x4C454434; // "LED4": with the trust weights of the residual prior bias

    private final NetworkSpec spec;
    private final NDManager manager;
    private final Parameters parameters;
    private final Lock trainingLock;

    private AttentionActorCritic(NetworkSpec spec, NDManager manager, Parameters parameters, Lock trainingLock) {
        this.spec = spec;
        this.manager = manager;
        this.parameters = parameters;
        this.trainingLock = trainingLock;
    }

    static AttentionActorCritic create(NDManager manager, NetworkSpec spec, long seed, Lock trainingLock) {
        return new AttentionActorCritic(spec, manager, Parameters.initialise(manager, spec, seed), trainingLock);
    }

    static AttentionActorCritic load(NDManager manager, Path file, Lock trainingLock) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_TOKENS && magic != MAGIC_PLAIN) {
                throw new IOException(file + " is not an actor-critic checkpoint (wrong header)");
            }
            NetworkSpec spec = new NetworkSpec(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                    in.readDouble(), magic == MAGIC_PLAIN ? 0 : in.readInt());
            Parameters parameters = Parameters.read(in, manager, spec, file.toString(), magic != MAGIC);
            return new AttentionActorCritic(spec, manager, parameters, trainingLock);
        } catch (EOFException e) {
            manager.close();
            throw new IOException(file + " is truncated: not a complete actor-critic checkpoint", e);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public float[] scores(float[] observations, float[] masks, int batch) {
        return actorOutput(observations, masks, batch, false);
    }

    @Override
    public float[] probabilities(float[] observations, float[] masks, int batch) {
        return actorOutput(observations, masks, batch, true);
    }

    private float[] actorOutput(float[] observations, float[] masks, int batch, boolean softmax) {
        checkLength("observations", observations.length, (long) batch * spec.observationSize());
        checkLength("masks", masks.length, (long) batch * spec.maxNodes());
        try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
            NDArray scores = actor(step.create(observations, new Shape(batch, spec.observationSize())),
                    step.create(masks, new Shape(batch, spec.maxNodes())), false);
            return (softmax ? scores.softmax(1) : scores).toFloatArray();
        }
    }

    @Override
    public float[] values(float[] criticInputs, int batch) {
        checkLength("criticInputs", criticInputs.length, (long) batch * spec.criticInputs());
        try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
            return critic(step.create(criticInputs, new Shape(batch, spec.criticInputs()))).toFloatArray();
        }
    }

    /** Masked scores {@code [B,N]} for observations {@code [B,N*F]} and masks {@code [B,N]}. */
    NDArray actor(NDArray observations, NDArray masks, boolean training) {
        long batch = observations.getShape().get(0);
        int n = spec.maxNodes();
        NDArray tokens = observations.reshape(batch, n, spec.features());
        NDArray x = spec.aligned() ? tokens.get(":, :, 0:" + spec.observationFeatures()) : tokens;
        NDArray presentRow = x.get(":, :, 0").reshape(batch, 1, n);
        NDArray e = x.matMul(p("embed.w")).add(p("embed.b"));
        NDArray keysPresent = presentRow;
        if (spec.aligned()) {
            NDArray prior = tokens.get(":, :, " + spec.observationFeatures() + ":");
            e = e.concat(prior.matMul(p("prior.w")).add(p("prior.b")), 1);
            keysPresent = presentRow.concat(presentRow, 2);
        }
        NDArray q = e.matMul(p("query.w"));
        NDArray k = e.matMul(p("key.w"));
        NDArray v = e.matMul(p("value.w"));
        NDArray keyBias = keysPresent.sub(1f).mul(MASK_PENALTY);
        NDArray logits = q.matMul(k.transpose(0, 2, 1)).mul((float) (1.0 / Math.sqrt(spec.embedding())));
        NDArray attended = logits.add(keyBias).softmax(2).matMul(v);
        NDArray update = attended.matMul(p("attend.w")).add(p("attend.b"));
        if (training && spec.dropout() > 0) {
            update = update.getNDArrayInternal().dropout(update, (float) spec.dropout(), true).singletonOrThrow();
        }
        NDArray h = e.add(update);
        NDArray weights = keysPresent.div(keysPresent.sum(new int[] {2}, true));
        NDArray pooled = weights.matMul(h);
        NDArray hObservation = spec.aligned() ? h.get(":, 0:" + n + ", :") : h;
        NDArray head = hObservation.matMul(p("head1.token")).add(pooled.matMul(p("head1.pool")))
                .add(x.matMul(p("head1.input"))).add(p("head1.b"));
        if (spec.aligned()) {
            head = head.add(h.get(":, " + n + ":, :").matMul(p("head1.prior")));
        }
        NDArray z1 = Activation.relu(head);
        NDArray z2 = Activation.relu(z1.matMul(p("head2.w")).add(p("head2.b")));
        NDArray scores = z2.matMul(p("score.w")).reshape(batch, n).add(p("score.b"));
        if (spec.residualPrior()) {
            int at = spec.observationFeatures();
            NDArray preference = tokens.get(":, :, " + (at + NetworkSpec.PRIOR_PREFERENCE));
            NDArray avoid = tokens.get(":, :, " + (at + NetworkSpec.PRIOR_AVOID));
            scores = scores.add(Activation.relu(preference).add(PREFERENCE_EPSILON).log()
                            .mul(p(Parameters.TRUST_PREFERENCE)))
                    .sub(avoid.mul(AVOID_SCALE).mul(p(Parameters.TRUST_AVOID)));
        }
        return scores.add(masks.sub(1f).mul(MASK_PENALTY));
    }

    /** Values {@code [B]} for critic inputs {@code [B,C]}. */
    NDArray critic(NDArray inputs) {
        NDArray c1 = Activation.relu(inputs.matMul(p("critic1.w")).add(p("critic1.b")));
        NDArray c2 = Activation.relu(c1.matMul(p("critic2.w")).add(p("critic2.b")));
        return c2.matMul(p("critic3.w")).add(p("critic3.b")).reshape(-1);
    }

    private NDArray p(String name) {
        return parameters.get(name);
    }

    @Override
    public UpdateStats update(RolloutBatch batch, PpoSettings settings, long seed) {
        batch.check(spec);
        if (batch.size() == 0) {
            return new UpdateStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        float[] advantages = normalised(batch.advantages());
        Random random = new Random(seed);
        int[] order = new int[batch.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] sums = new double[STATS];
        double firstRatioError = Double.NaN;
        int steps = 0;
        trainingLock.lock();
        try {
            Engine.getEngine(PyTorch.ENGINE).setRandomSeed((int) seed);
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                shuffle(order, random);
                for (int start = 0; start < order.length; start += settings.minibatchSize()) {
                    int size = Math.min(settings.minibatchSize(), order.length - start);
                    double[] stats = step(batch, advantages, order, start, size, settings);
                    if (steps == 0) {
                        firstRatioError = stats[MAX_RATIO_ERROR];
                    }
                    for (int k = 0; k < STATS; k++) {
                        sums[k] += stats[k];
                    }
                    steps++;
                }
            }
        } finally {
            trainingLock.unlock();
        }
        return new UpdateStats(sums[0] / steps, sums[1] / steps, sums[2] / steps, sums[3] / steps, steps,
                sums[4] / steps, sums[5] / steps, sums[6] / steps, firstRatioError);
    }

    /** Figures of one gradient step: policy loss, value loss, entropy, KL, clip fraction, grad norms; then the
     * largest ratio error, which is not averaged. */
    private static final int STATS = 7;
    private static final int MAX_RATIO_ERROR = 7;

    /**
     * One gradient step on rows {@code order[start..start+size)}. The actor runs as in a rollout (dropout only if the
     * spec asks for it), so that before the first step the probability ratio is 1.
     */
    private double[] step(RolloutBatch batch, float[] advantages, int[] order, int start, int size,
                          PpoSettings settings) {
        int n = spec.maxNodes();
        int obs = spec.observationSize();
        int ci = spec.criticInputs();
        float[] observations = new float[size * obs];
        float[] masks = new float[size * n];
        float[] critic = new float[size * ci];
        float[] chosen = new float[size * n];
        float[] oldLogProbs = new float[size];
        float[] adv = new float[size];
        float[] returns = new float[size];
        for (int r = 0; r < size; r++) {
            int row = order[start + r];
            System.arraycopy(batch.observations(), row * obs, observations, r * obs, obs);
            System.arraycopy(batch.masks(), row * n, masks, r * n, n);
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
                NDArray scores = actor(sub.create(observations, new Shape(size, obs)),
                        sub.create(masks, new Shape(size, n)), true);
                NDArray logProbsAll = scores.logSoftmax(1);
                NDArray logProbs = logProbsAll.mul(sub.create(chosen, new Shape(size, n))).sum(new int[] {1});
                NDArray logRatio = logProbs.sub(sub.create(oldLogProbs));
                NDArray ratio = logRatio.exp();
                NDArray policyLoss = clippedObjective(ratio, advantage, settings.clip()).mean().neg();
                NDArray entropy = logProbsAll.exp().mul(logProbsAll).sum(new int[] {1}).mean().neg();
                NDArray values = critic(sub.create(critic, new Shape(size, ci)));
                NDArray valueLoss = values.sub(sub.create(returns)).square().mean();
                NDArray loss = policyLoss.add(valueLoss.mul(settings.valueCoef()))
                        .sub(entropy.mul(settings.entropyCoef()));
                collector.backward(loss);
                NDArray ratioError = ratio.sub(1f).abs();
                stats[0] = policyLoss.getFloat();
                stats[1] = valueLoss.getFloat();
                stats[2] = entropy.getFloat();
                stats[3] = ratio.sub(1f).sub(logRatio).mean().getFloat();
                stats[4] = ratioError.gt(settings.clip()).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
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

    @Override
    public void save(Path file) throws IOException {
        // write beside, then move: a crash mid-write never leaves a half checkpoint under the real name
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
            out.writeInt(MAGIC);
            out.writeInt(spec.maxNodes());
            out.writeInt(spec.features());
            out.writeInt(spec.embedding());
            out.writeInt(spec.hidden());
            out.writeInt(spec.criticInputs());
            out.writeDouble(spec.dropout());
            out.writeInt(spec.priorFeatures());
            parameters.write(out);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void exportActor(Path file) throws IOException {
        byte[] model = ActorOnnxExport.export(spec, parameters::floats);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, model);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void checkLength(String name, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " values, expected " + expected);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
