package org.ledrl.ml.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Critic: a two-layer ReLU MLP over the critic input. Updates run one at a time per JVM, guarded by the runtime's
 * training lock; within an update, the shards of a step record their gradients each on its own thread (PyTorch's
 * gradient mode is per thread) and on its own copy of the weights ({@link PpoUpdate}).
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
    /** Each rollout thread's plain Java networks and the weight generation they were copied at. */
    private final ThreadLocal<Forward> forwards = new ThreadLocal<>();
    /** Goes up after each update: every thread's copy is then stale. */
    private volatile int generation;
    /** Threads that run an update's other shards beside the updating thread, made when first wanted. */
    private ExecutorService helpers;
    private int helperCount;

    private record Forward(int generation, JavaNetworks networks) {
    }

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
        checkActorInputs(observations, masks, batch);
        float[] out = new float[batch * spec.maxNodes()];
        forward().actor().scores(observations, masks, batch, out);
        return out;
    }

    @Override
    public float[] probabilities(float[] observations, float[] masks, int batch) {
        checkActorInputs(observations, masks, batch);
        float[] out = new float[batch * spec.maxNodes()];
        forward().actor().probabilities(observations, masks, batch, out);
        return out;
    }

    @Override
    public float[] values(float[] criticInputs, int batch) {
        checkLength("criticInputs", criticInputs.length, (long) batch * spec.criticInputs());
        return forward().critic().values(criticInputs, batch);
    }

    /**
     * This thread's plain Java networks on the current weights, copied again after each update: a copy per thread, as
     * their scratch arrays are reused, so that several threads may run episodes side by side between updates.
     */
    private JavaNetworks forward() {
        Forward forward = forwards.get();
        int current = generation;
        if (forward == null || forward.generation() != current) {
            forward = new Forward(current, JavaNetworks.of(spec, parameters::floats));
            forwards.set(forward);
        }
        return forward.networks();
    }

    private void checkActorInputs(float[] observations, float[] masks, int batch) {
        checkLength("observations", observations.length, (long) batch * spec.observationSize());
        checkLength("masks", masks.length, (long) batch * spec.maxNodes());
    }

    /** The PyTorch actor's masked scores, or probabilities, in inference mode (what the Java forward must match). */
    float[] torchActor(float[] observations, float[] masks, int batch, boolean softmax) {
        checkActorInputs(observations, masks, batch);
        try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
            NDArray scores = actor(step.create(observations, new Shape(batch, spec.observationSize())),
                    step.create(masks, new Shape(batch, spec.maxNodes())), false);
            return (softmax ? scores.softmax(1) : scores).toFloatArray();
        }
    }

    /** The PyTorch critic's values (what the Java forward must match). */
    float[] torchValues(float[] criticInputs, int batch) {
        try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
            return critic(step.create(criticInputs, new Shape(batch, spec.criticInputs()))).toFloatArray();
        }
    }

    /**
     * Masked scores {@code [B,T]} for observations {@code [B,T*F]} and masks {@code [B,T]}: {@code T} is
     * {@code maxNodes}, or fewer when every row's real tokens are among its first {@code T} (padding changes no
     * real token's score, so the update leaves trailing padding out).
     */
    NDArray actor(NDArray observations, NDArray masks, boolean training) {
        return actor(observations, masks, training, null);
    }

    /** The same, scoring only the {@code scored} tokens when given (see below). */
    NDArray actor(NDArray observations, NDArray masks, boolean training, ScoredTokens scored) {
        return actor(parameters.all(), observations, masks, training, scored);
    }

    /**
     * The same with weights {@code w} (an update's shard has its own, {@link Parameters#shard}), and with the head run
     * only on the {@code scored} tokens when given: the others' scores are the mask penalty, which gives them the
     * same probability, 0. The update scores this way.
     */
    NDArray actor(Map<String, NDArray> w, NDArray observations, NDArray masks, boolean training,
                  ScoredTokens scored) {
        long batch = observations.getShape().get(0);
        int n = (int) masks.getShape().get(1);
        NDArray tokens = observations.reshape(batch, n, spec.features());
        NDArray x = spec.aligned() ? tokens.get(":, :, 0:" + spec.observationFeatures()) : tokens;
        NDArray presentRow = x.get(":, :, 0").reshape(batch, 1, n);
        NDArray e = x.matMul(w.get("embed.w")).add(w.get("embed.b"));
        NDArray keysPresent = presentRow;
        if (spec.aligned()) {
            NDArray prior = tokens.get(":, :, " + spec.observationFeatures() + ":");
            e = e.concat(prior.matMul(w.get("prior.w")).add(w.get("prior.b")), 1);
            keysPresent = presentRow.concat(presentRow, 2);
        }
        NDArray q = e.matMul(w.get("query.w"));
        NDArray k = e.matMul(w.get("key.w"));
        NDArray v = e.matMul(w.get("value.w"));
        NDArray keyBias = keysPresent.sub(1f).mul(MASK_PENALTY);
        NDArray logits = times(q.matMul(k.transpose(0, 2, 1)), (float) (1.0 / Math.sqrt(spec.embedding())));
        NDArray attended = logits.add(keyBias).softmax(2).matMul(v);
        NDArray update = attended.matMul(w.get("attend.w")).add(w.get("attend.b"));
        if (training && spec.dropout() > 0) {
            update = update.getNDArrayInternal().dropout(update, (float) spec.dropout(), true).singletonOrThrow();
        }
        NDArray h = e.add(update);
        NDArray weights = keysPresent.div(keysPresent.sum(new int[] {2}, true));
        NDArray pooled = weights.matMul(h);
        NDArray hObservation = spec.aligned() ? h.get(":, 0:" + n + ", :") : h;
        NDArray hPrior = spec.aligned() ? h.get(":, " + n + ":, :") : null;
        NDArray pooledHead = pooled.matMul(w.get("head1.pool"));
        NDArray preference = null;
        NDArray avoid = null;
        if (spec.residualPrior()) {
            int at = spec.observationFeatures();
            preference = tokens.get(":, :, " + (at + NetworkSpec.PRIOR_PREFERENCE));
            avoid = tokens.get(":, :, " + (at + NetworkSpec.PRIOR_AVOID));
        }
        NDArray mask = masks;
        if (scored != null) {
            // one row per scored token: [R, ...] instead of [B, n, ...]
            int r = scored.count();
            long all = batch * n;
            int d = spec.embedding();
            hObservation = ScoredTokens.rows(hObservation.reshape(all, d), scored.token(), r);
            hPrior = hPrior == null ? null : ScoredTokens.rows(hPrior.reshape(all, d), scored.token(), r);
            pooledHead = ScoredTokens.rows(pooledHead.reshape(batch, spec.hidden()), scored.row(), r);
            x = ScoredTokens.rows(x.reshape(all, spec.observationFeatures()), scored.token(), r);
            preference = preference == null ? null : preference.reshape(all).gather(scored.token(), 0);
            avoid = avoid == null ? null : avoid.reshape(all).gather(scored.token(), 0);
            mask = masks.reshape(all).gather(scored.token(), 0);
        }
        NDArray head = hObservation.matMul(w.get("head1.token")).add(pooledHead)
                .add(x.matMul(w.get("head1.input"))).add(w.get("head1.b"));
        if (spec.aligned()) {
            head = head.add(hPrior.matMul(w.get("head1.prior")));
        }
        NDArray z1 = Activation.relu(head);
        NDArray z2 = Activation.relu(z1.matMul(w.get("head2.w")).add(w.get("head2.b")));
        NDArray scores = z2.matMul(w.get("score.w")).reshape(mask.getShape()).add(w.get("score.b"));
        if (spec.residualPrior()) {
            scores = scores.add(Activation.relu(preference).add(PREFERENCE_EPSILON).log()
                            .mul(w.get(Parameters.TRUST_PREFERENCE)))
                    .sub(avoid.mul(AVOID_SCALE).mul(w.get(Parameters.TRUST_AVOID)));
        }
        scores = scores.add(mask.sub(1f).mul(MASK_PENALTY));
        if (scored == null) {
            return scores;
        }
        NDArray penalty = scores.getManager().create(new float[] {-MASK_PENALTY});
        return scores.concat(penalty).gather(scored.layout(), 0).reshape(batch, n);
    }

    /**
     * {@code array * factor} where the backward pass reads {@code factor}: the factor is a tensor of {@code array}'s
     * manager, so it lives until that manager closes (in an update, after the step). Never {@code mul(Number)} on a
     * value that gradients flow through: DJL makes the number a tensor over a Java buffer and closes it as soon as
     * the product is made, autograd keeps it for the backward pass, and a garbage collection in between frees the
     * buffer, so the gradient is computed with whatever lies in that memory then (a same-seed run then trains
     * another model, now and then).
     */
    static NDArray times(NDArray array, Number factor) {
        return array.mul(array.getManager().create(factor));
    }

    /** Values {@code [B]} for critic inputs {@code [B,C]}. */
    NDArray critic(NDArray inputs) {
        return critic(parameters.all(), inputs);
    }

    /** The same with weights {@code w}. */
    NDArray critic(Map<String, NDArray> w, NDArray inputs) {
        NDArray c1 = Activation.relu(inputs.matMul(w.get("critic1.w")).add(w.get("critic1.b")));
        NDArray c2 = Activation.relu(c1.matMul(w.get("critic2.w")).add(w.get("critic2.b")));
        return c2.matMul(w.get("critic3.w")).add(w.get("critic3.b")).reshape(-1);
    }

    @Override
    public UpdateStats update(RolloutBatch batch, PpoSettings settings, long seed) {
        trainingLock.lock(); // also guards the making of the helper threads
        try {
            return update(batch, settings, seed, helpers(settings.shards()), helperCount);
        } finally {
            trainingLock.unlock();
        }
    }

    /** The update with the shards spread over this thread and {@code helperCount} {@code helpers} (or none). */
    UpdateStats update(RolloutBatch batch, PpoSettings settings, long seed, ExecutorService helpers,
                       int helperCount) {
        batch.check(spec);
        trainingLock.lock();
        try {
            return new PpoUpdate(this, parameters, manager, helpers, helperCount).run(batch, settings, seed);
        } finally {
            generation++;
            trainingLock.unlock();
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

    /**
     * Threads for the other shards of an update step, one fewer than the shards and the cores allow: none on one
     * core, where the shards take turns on the updating thread (with the same result).
     */
    private ExecutorService helpers(int shards) {
        int wanted = Math.min(shards, Runtime.getRuntime().availableProcessors()) - 1;
        if (wanted <= 0) {
            return null;
        }
        if (helperCount < wanted) {
            if (helpers != null) {
                helpers.shutdown();
            }
            AtomicInteger number = new AtomicInteger();
            helpers = Executors.newFixedThreadPool(wanted, task -> {
                Thread thread = new Thread(task, "ledrl-update-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            helperCount = wanted;
        }
        return helpers;
    }

    private static void checkLength(String name, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " values, expected " + expected);
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
        manager.close();
    }
}
