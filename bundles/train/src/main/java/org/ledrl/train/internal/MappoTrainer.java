package org.ledrl.train.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.ledrl.api.env.EdgeEnvironment;
import org.ledrl.api.env.Slot;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.policy.PolicyTrainer;
import org.ledrl.api.policy.TrainingProgress;
import org.ledrl.api.policy.TrainingRequest;
import org.ledrl.api.policy.TrainingResult;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.RolloutBatch;
import org.ledrl.policy.mappo.ModelCard;
import org.ledrl.policy.mappo.ObservationEncoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the MAPPO actor and critic with PPO on an environment, one PPO update per episode. Every episode runs on
 * a fresh environment made from its own seed (with the simulator that is a new random topology too), so the actor
 * learns to place tasks on networks it has not seen: evaluation seeds must not be among the training seeds, which
 * are derived from the master seed ({@link #episodeSeed}).
 *
 * <p>Writes to the output folder: {@code checkpoint.bin} and {@code checkpoint.properties} (weights, optimiser
 * state and episodes done; a later run with {@code resume=true} continues from them), {@code curve.csv} and
 * {@code curve.png}, and at the end {@code model.onnx} with {@code model-card.json}.
 */
@Component(service = PolicyTrainer.class)
@Algorithm(MappoTrainer.ALGORITHM)
public final class MappoTrainer implements PolicyTrainer {

    static final String ALGORITHM = "mappo";
    static final String CHECKPOINT = "checkpoint.bin";
    static final String CHECKPOINT_STATE = "checkpoint.properties";
    static final String CURVE_CSV = "curve.csv";
    static final String CURVE_PNG = "curve.png";
    static final String MODEL = "model.onnx";
    static final String CARD = "model-card.json";

    private static final Logger LOG = LoggerFactory.getLogger(MappoTrainer.class);

    private final MlRuntime runtime;

    @Activate
    public MappoTrainer(@Reference MlRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    /** The seed of training episode {@code episode} (from 1) of a run with master seed {@code seed}. */
    static long episodeSeed(long seed, int episode) {
        long z = seed * 0x9E3779B97F4A7C15L + episode * 0xBF58476D1CE4E5B9L + 0x5DEECE66DL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public TrainingResult train(TrainingRequest request, TrainingProgress progress) throws Exception {
        TrainingOptions options = TrainingOptions.from(request.options());
        Path out = request.outputDir();
        Files.createDirectories(out);
        ObservationEncoder encoder = new ObservationEncoder(options.maxNodes());
        int observationSize = encoder.observationSize();
        NetworkSpec spec = new NetworkSpec(options.maxNodes(), encoder.features(), options.embedding(),
                options.hidden(), CriticInput.size(observationSize), options.dropout());

        int done = 0;
        TrainingCurve curve = new TrainingCurve();
        ActorCritic networks;
        if (Files.exists(out.resolve(CHECKPOINT))) {
            if (!options.resume()) {
                throw new IllegalStateException(out + " already holds a checkpoint: resume it (resume=true) or "
                        + "train into another folder");
            }
            done = readEpisodesDone(out.resolve(CHECKPOINT_STATE), request.seed());
            networks = runtime.loadActorCritic(out.resolve(CHECKPOINT));
            if (!networks.spec().equals(spec)) {
                networks.close();
                throw new IllegalStateException("the checkpoint in " + out + " has networks " + networks.spec()
                        + ", these options ask for " + spec);
            }
            curve = TrainingCurve.read(out.resolve(CURVE_CSV), done);
            LOG.info("resuming {} after episode {}", out, done);
        } else {
            networks = runtime.createActorCritic(spec, request.seed());
        }

        long start = System.nanoTime();
        double elapsedBefore = curve.points().isEmpty() ? 0 : curve.points().get(curve.points().size() - 1).elapsedS();
        try (networks) {
            for (int episode = done + 1; episode <= request.episodes(); episode++) {
                long seed = episodeSeed(request.seed(), episode);
                EdgeEnvironment environment = request.environments().apply(seed);
                Rollout rollout = runEpisode(environment, networks, encoder, seed);
                RolloutBatch batch = rollout.batch(options.gamma(), options.lambda());
                networks.update(batch, options.ppo(), seed);
                int agents = environment.topology().size();
                double elapsed = elapsedBefore + (System.nanoTime() - start) / 1e9;
                curve.add(new TrainingCurve.Point(episode, rollout.meanReturn(agents), rollout.successRate(),
                        rollout.decisions(), elapsed));
                progress.episode(episode, request.episodes(), rollout.meanReturn(agents), rollout.successRate());
                if (episode % options.checkpointEvery() == 0 || episode == request.episodes()) {
                    checkpoint(out, networks, curve, episode, request);
                }
            }
            if (done >= request.episodes()) {
                LOG.info("{} already has {} episodes; exporting the model only", out, done);
            }
            networks.exportActor(out.resolve(MODEL));
        }
        double finalSuccess = finalSuccessRate(curve);
        ModelCard.of(encoder, new ModelCard.Training(request.scenario(), request.seed(), request.episodes(),
                finalSuccess, "success rate: mean of the last 10 training episodes (sampled actions)"))
                .write(out.resolve(CARD));
        curve.writePng(out.resolve(CURVE_PNG), "MAPPO training on " + request.scenario());
        return new TrainingResult(out.resolve(MODEL), request.episodes(), finalSuccess);
    }

    /** One episode with actions sampled from the actor; records what the PPO update needs. */
    private static Rollout runEpisode(EdgeEnvironment environment, ActorCritic networks, ObservationEncoder encoder,
                                      long seed) {
        int n = encoder.maxNodes();
        int observationSize = encoder.observationSize();
        int nodes = environment.topology().size();
        Rollout rollout = new Rollout(observationSize, n, CriticInput.size(observationSize));
        Random random = new Random(seed);
        Slot slot = environment.reset(seed);
        while (true) {
            for (Outcome outcome : slot.outcomes()) {
                rollout.ended(outcome);
            }
            if (slot.done()) {
                return rollout;
            }
            List<Observation> observations = slot.observations();
            int batch = observations.size();
            List<Decision> decisions = new ArrayList<>(batch);
            if (batch > 0) {
                float[] tokens = new float[batch * observationSize];
                float[] masks = new float[batch * n];
                for (int b = 0; b < batch; b++) {
                    encoder.encode(observations.get(b), tokens, masks, b);
                }
                float[] state = environment.globalState();
                float[] summary = CriticInput.summary(state, nodes);
                float[] critic = new float[batch * CriticInput.size(observationSize)];
                float[][] criticRows = new float[batch][];
                for (int b = 0; b < batch; b++) {
                    criticRows[b] = CriticInput.of(summary, state, observations.get(b).agent(), tokens, b,
                            observationSize);
                    System.arraycopy(criticRows[b], 0, critic, b * criticRows[b].length, criticRows[b].length);
                }
                float[] probabilities = networks.probabilities(tokens, masks, batch);
                float[] values = networks.values(critic, batch);
                for (int b = 0; b < batch; b++) {
                    Observation o = observations.get(b);
                    int action = sample(probabilities, b * n, n, random);
                    float[] row = new float[observationSize];
                    System.arraycopy(tokens, b * observationSize, row, 0, observationSize);
                    float[] mask = new float[n];
                    System.arraycopy(masks, b * n, mask, 0, n);
                    float p = Math.max(probabilities[b * n + action], 1e-12f);
                    rollout.decided(o.task().id(), o.agent(), row, mask, criticRows[b], action, (float) Math.log(p),
                            values[b]);
                    boolean anyAllowed = mask[action] > 0;
                    decisions.add(Decision.of(anyAllowed ? o.candidates().get(action).node() : o.agent(), ALGORITHM));
                }
            }
            slot = environment.step(decisions);
        }
    }

    private static int sample(float[] probabilities, int offset, int n, Random random) {
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            float p = probabilities[offset + i];
            if (p > 0) {
                cumulative += p;
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last;
    }

    private static double finalSuccessRate(TrainingCurve curve) {
        List<TrainingCurve.Point> points = curve.points();
        int from = Math.max(0, points.size() - 10);
        double sum = 0;
        for (int i = from; i < points.size(); i++) {
            sum += points.get(i).successRate();
        }
        return points.size() == from ? 0 : sum / (points.size() - from);
    }

    private static void checkpoint(Path out, ActorCritic networks, TrainingCurve curve, int episode,
                                   TrainingRequest request) throws IOException {
        networks.save(out.resolve(CHECKPOINT));
        Properties state = new Properties();
        state.setProperty("episodes", Integer.toString(episode));
        state.setProperty("seed", Long.toString(request.seed()));
        state.setProperty("scenario", request.scenario());
        Path temp = out.resolve(CHECKPOINT_STATE + ".tmp");
        try (OutputStream stream = Files.newOutputStream(temp)) {
            state.store(stream, "MAPPO training state: episodes done, master seed");
        }
        Files.move(temp, out.resolve(CHECKPOINT_STATE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        curve.writeCsv(out.resolve(CURVE_CSV));
    }

    private static int readEpisodesDone(Path file, long seed) throws IOException {
        Properties state = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            state.load(in);
        } catch (IOException e) {
            throw new IOException("cannot read the training state " + file + ": " + e.getMessage(), e);
        }
        try {
            long savedSeed = Long.parseLong(state.getProperty("seed", ""));
            if (savedSeed != seed) {
                throw new IllegalStateException(file + " was trained with seed " + savedSeed + ", not " + seed
                        + ": resume with the same --seed");
            }
            return Integer.parseInt(state.getProperty("episodes", ""));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": 'episodes' and 'seed' must be whole numbers", e);
        }
    }
}
