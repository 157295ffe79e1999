package org.ledrl.train.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.ledrl.api.env.EdgeEnvironment;
import org.ledrl.api.env.Slot;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.policy.PolicyTrainer;
import org.ledrl.api.policy.TrainingProgress;
import org.ledrl.api.policy.TrainingRequest;
import org.ledrl.api.policy.TrainingResult;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.RolloutBatch;
import org.ledrl.policy.mappo.MisleadingPriors;
import org.ledrl.policy.mappo.ModelCard;
import org.ledrl.policy.mappo.ObservationEncoder;
import org.ledrl.prior.RefreshPolicy;
import org.ledrl.prior.RefreshingPriorBoard;
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
 *
 * <p>The same trainer trains the prior-consuming variants ({@link Variant}): {@code ledrl} (the alignment actor)
 * and {@code mappo-prior-mlp} (prior values concatenated to each token, no prior tokens). Their episodes run with a
 * private simulated prior board asking the configured provider, with the simulated LLM delay
 * ({@link TrainingOptions.PriorOptions}).
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

    /**
     * What is trained: the algorithm's name, whether its tokens carry the prior, whether the actor aligns prior
     * tokens by attention, and where the named prior providers are found.
     */
    record Variant(String algorithm, boolean readsPrior, boolean aligned, Providers providers) {
        static final Variant MAPPO = new Variant(ALGORITHM, false, false, name -> java.util.Optional.empty());
    }

    /** The installed prior providers by name. */
    @FunctionalInterface
    interface Providers {
        java.util.Optional<PriorProvider> find(String name);
    }

    private final MlRuntime runtime;
    private final Variant variant;

    @Activate
    public MappoTrainer(@Reference MlRuntime runtime) {
        this(runtime, Variant.MAPPO);
    }

    MappoTrainer(MlRuntime runtime, Variant variant) {
        this.runtime = runtime;
        this.variant = variant;
    }

    @Override
    public String algorithm() {
        return variant.algorithm();
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
        ObservationEncoder encoder = variant.readsPrior() ? ObservationEncoder.withPrior(options.maxNodes())
                : new ObservationEncoder(options.maxNodes());
        int observationSize = encoder.observationSize();
        NetworkSpec spec = new NetworkSpec(options.maxNodes(), encoder.features(), options.embedding(),
                options.hidden(), CriticInput.size(observationSize), options.dropout(),
                variant.aligned() ? encoder.priorFeatures() : 0);
        PriorProvider provider = variant.readsPrior() ? provider(options.priors()) : null;

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
        BestModel best;
        double elapsedBefore = curve.points().stream().filter(TrainingCurve.Point::trained)
                .mapToDouble(TrainingCurve.Point::elapsedS).max().orElse(0);
        try (networks) {
            double noise = variant.readsPrior() ? options.priors().noise() : 0;
            best = BestModel.of(curve, out.resolve(MODEL), options.validation().keepBest(), noise);
            if (done == 0 && options.validation().every() > 0) {
                ValidationResult validation = validate(request, options, networks, encoder, provider);
                curve.validated(0, validation);
                best.offer(0, validation, networks);
            }
            for (int episode = done + 1; episode <= request.episodes(); episode++) {
                long seed = episodeSeed(request.seed(), episode);
                EdgeEnvironment environment = request.environments().apply(seed);
                PriorBoard board = variant.readsPrior() ? episodeBoard(provider, options.priors(), seed)
                        : PriorBoard.NONE;
                Rollout rollout = runEpisode(environment, networks, encoder, board, seed, variant.algorithm(), false);
                RolloutBatch batch = rollout.batch(options.gamma(), options.lambda());
                networks.update(batch, options.ppo(), seed);
                int agents = environment.topology().size();
                double elapsed = elapsedBefore + (System.nanoTime() - start) / 1e9;
                curve.add(new TrainingCurve.Point(episode, rollout.meanReturn(agents), rollout.successRate(),
                        rollout.decisions(), elapsed));
                if (options.validation().isDue(episode)) {
                    ValidationResult validation = validate(request, options, networks, encoder, provider);
                    curve.validated(episode, validation);
                    best.offer(episode, validation, networks);
                }
                progress.episode(episode, request.episodes(), rollout.meanReturn(agents), rollout.successRate());
                if (episode % options.checkpointEvery() == 0 || episode == request.episodes()) {
                    checkpoint(out, networks, curve, episode, request);
                }
            }
            if (done >= request.episodes()) {
                LOG.info("{} already has {} episodes; exporting the model only", out, done);
            }
            if (!best.kept()) {
                networks.exportActor(out.resolve(MODEL));
            }
        }
        double finalSuccess = finalSuccessRate(curve);
        String notes = "success rate: mean of the last 10 training episodes (sampled actions); "
                + best.describe(options.validation().seeds());
        if (variant.readsPrior()) {
            TrainingOptions.PriorOptions p = options.priors();
            RefreshPolicy refresh = p.refreshPolicy();
            notes += String.format(java.util.Locale.ROOT, "; priors from provider %s (%s), %s, "
                    + "%.0f%% of episodes with no or misleading priors", p.provider(), provider.name(),
                    refresh.isFresh(provider.name()) ? "fresh (no latency: asked at every decision)"
                            : String.format(java.util.Locale.ROOT, "simulated LLM delay %d ms, refresh every %d slots%s",
                            refresh.delayFor(provider.name()), p.refreshSlots(),
                            p.standIn() ? " (heuristic standing in for an LLM)" : ""), 100 * p.noise());
        }
        ModelCard.of(variant.algorithm(), encoder, new ModelCard.Training(request.scenario(), request.seed(),
                request.episodes(), finalSuccess, notes)).write(out.resolve(CARD));
        curve.writePng(out.resolve(CURVE_PNG), variant.algorithm() + " training on " + request.scenario());
        return new TrainingResult(out.resolve(MODEL), request.episodes(), finalSuccess);
    }

    /**
     * The actor with the best validation success rate so far, exported as the model when it is kept (early stopping:
     * PPO can drift from a good actor, and an aligned actor starts from its prior). A resumed run knows the best rate
     * from the curve, and keeps the model it exported then.
     */
    private static final class BestModel {
        private final Path model;
        private final boolean keep;
        private final double noise;
        private int episode = -1;
        private double score = Double.NEGATIVE_INFINITY;

        private BestModel(Path model, boolean keep, double noise) {
            this.model = model;
            this.keep = keep;
            this.noise = noise;
        }

        static BestModel of(TrainingCurve curve, Path model, boolean keep, double noise) {
            BestModel best = new BestModel(model, keep, noise);
            if (keep && Files.exists(model)) {
                for (TrainingCurve.Point p : curve.points()) {
                    double score = p.validation().score(noise);
                    if (score > best.score) {
                        best.score = score;
                        best.episode = p.episode();
                    }
                }
            }
            return best;
        }

        void offer(int episode, ValidationResult validation, ActorCritic networks) throws IOException {
            double offered = validation.score(noise);
            if (keep && offered > score) {
                networks.exportActor(model);
                this.episode = episode;
                this.score = offered;
            }
        }

        boolean kept() {
            return episode >= 0;
        }

        /** What the model card says of the model: which actor it is, and why. */
        String describe(List<Long> seeds) {
            if (!kept()) {
                return "model: the actor after the last episode";
            }
            String basis = noise > 0 ? String.format(java.util.Locale.ROOT, "score (success with honest priors x %.2f"
                    + " + with misleading priors x %.2f)", 1 - noise, noise) : "success rate";
            return String.format(java.util.Locale.ROOT, "model: the actor after episode %d, the best validation %s "
                    + "(%.4f, greedy, seeds %s)", episode, basis, score, seeds);
        }
    }


    /**
     * The success rate of the actor as it is now on the validation episodes: greedy actions, honest priors (fresh
     * from a board of their own, as in a run), no update. The mean over the validation seeds.
     */
    private static ValidationResult validate(TrainingRequest request, TrainingOptions options, ActorCritic networks,
                                       ObservationEncoder encoder, PriorProvider provider) {
        double honest = 0;
        double misleading = 0;
        boolean withMisleading = provider != null && options.priors().noise() > 0;
        for (long seed : options.validation().seeds()) {
            PriorBoard board = provider == null ? PriorBoard.NONE : honestBoard(provider, options.priors());
            honest += runEpisode(request.environments().apply(seed), networks, encoder, board, seed, "validation",
                    true).successRate();
            if (withMisleading) {
                misleading += runEpisode(request.environments().apply(seed), networks, encoder,
                        misleadingBoard(provider, options.priors()), seed, "validation", true).successRate();
            }
        }
        int n = options.validation().seeds().size();
        ValidationResult validation = new ValidationResult(honest / n, withMisleading ? misleading / n : Double.NaN);
        LOG.debug("validation {}", validation);
        return validation;
    }

    /** The named provider; the heuristic one without an LLM when it is not installed as a service. */
    private PriorProvider provider(TrainingOptions.PriorOptions priors) {
        return variant.providers().find(priors.provider()).orElseGet(() -> {
            if (!priors.provider().equals(org.ledrl.prior.heuristic.HeuristicPrior.MODEL)) {
                throw new IllegalArgumentException("training option provider: no prior provider named '"
                        + priors.provider() + "' is installed");
            }
            return org.ledrl.prior.heuristic.HeuristicPrior.provider();
        });
    }


    /**
     * The episode's private prior board: the provider's priors, or (in a share {@code noise} of the episodes,
     * drawn from the episode's seed) no priors or misleading ones, so that the actor learns how far to trust them.
     */
    static PriorBoard episodeBoard(PriorProvider provider, TrainingOptions.PriorOptions priors, long seed) {
        double draw = new Random(seed ^ 0x5EEDL).nextDouble();
        if (draw < priors.noise() / 2) {
            return PriorBoard.NONE;
        }
        return draw < priors.noise() ? misleadingBoard(provider, priors) : honestBoard(provider, priors);
    }

    private static PriorBoard misleadingBoard(PriorProvider provider, TrainingOptions.PriorOptions priors) {
        PriorProvider misleading = MisleadingPriors.inverting(provider);
        RefreshPolicy policy = priors.refreshPolicy();
        // misleading priors arrive as late as the honest ones would
        return RefreshingPriorBoard.simulated(misleading,
                policy.withProviderDelay(misleading.name(), policy.delayFor(provider.name())), null);
    }

    private static PriorBoard honestBoard(PriorProvider provider, TrainingOptions.PriorOptions priors) {
        return RefreshingPriorBoard.simulated(provider, priors.refreshPolicy(), null);
    }

    /**
     * One episode with actions sampled from the actor (or its most likely ones, {@code greedy}); records what the PPO
     * update needs.
     */
    private static Rollout runEpisode(EdgeEnvironment environment, ActorCritic networks, ObservationEncoder encoder,
                                      PriorBoard board, long seed, String algorithm, boolean greedy) {
        org.ledrl.api.eval.Evaluator watcher = board instanceof org.ledrl.api.eval.Evaluator e ? e : null;
        int n = encoder.maxNodes();
        int observationSize = encoder.observationSize();
        int nodes = environment.topology().size();
        Rollout rollout = new Rollout(observationSize, n, CriticInput.size(observationSize));
        Random random = new Random(seed);
        Slot slot = environment.reset(seed);
        while (true) {
            for (EnvironmentEvent event : slot.events()) {
                if (watcher != null) {
                    watcher.onEvent(event);
                }
            }
            for (Outcome outcome : slot.outcomes()) {
                rollout.ended(outcome);
                if (watcher != null) {
                    watcher.onOutcome(outcome);
                }
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
                float[] probabilities = new float[batch * n];
                int[] actions = new int[batch];
                // One agent after the other, as in a run: each reads the board after the agents before it decided,
                // so a prior without latency sees this slot's earlier decisions.
                for (int b = 0; b < batch; b++) {
                    Observation o = observations.get(b);
                    board.observe(o);
                    encoder.encode(o, board.latest(o.agent()), tokens, masks, b);
                    float[] row = Arrays.copyOfRange(tokens, b * observationSize, (b + 1) * observationSize);
                    float[] mask = Arrays.copyOfRange(masks, b * n, (b + 1) * n);
                    System.arraycopy(networks.probabilities(row, mask, 1), 0, probabilities, b * n, n);
                    actions[b] = greedy ? mostLikely(probabilities, b * n, n) : sample(probabilities, b * n, n, random);
                    Decision decision = Decision.of(mask[actions[b]] > 0 ? o.candidates().get(actions[b]).node()
                            : o.agent(), algorithm);
                    decisions.add(decision);
                    if (watcher != null) {
                        watcher.onDecision(o, decision, 0); // the board counts every agent's inflow, as in a run
                    }
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
                float[] values = networks.values(critic, batch);
                for (int b = 0; b < batch; b++) {
                    int action = actions[b];
                    float p = Math.max(probabilities[b * n + action], 1e-12f);
                    rollout.decided(observations.get(b).task().id(), observations.get(b).agent(),
                            Arrays.copyOfRange(tokens, b * observationSize, (b + 1) * observationSize),
                            Arrays.copyOfRange(masks, b * n, (b + 1) * n), criticRows[b], action, (float) Math.log(p),
                            values[b]);
                }
            }
            slot = environment.step(decisions);
        }
    }

    private static int mostLikely(float[] probabilities, int offset, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (probabilities[offset + i] > probabilities[offset + best]) {
                best = i;
            }
        }
        return best;
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
        List<TrainingCurve.Point> points = curve.points().stream().filter(TrainingCurve.Point::trained).toList();
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
            state.store(stream, "Training state: episodes done, master seed");
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
