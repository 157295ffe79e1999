package org.ledrl.train.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.ledrl.api.env.EdgeEnvironment;
import org.ledrl.api.policy.PolicyTrainer;
import org.ledrl.api.policy.TrainingProgress;
import org.ledrl.api.policy.TrainingRequest;
import org.ledrl.api.policy.TrainingResult;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.PpoSettings;
import org.ledrl.ml.UpdateStats;
import org.ledrl.policy.mappo.ModelCard;
import org.ledrl.policy.mappo.ObservationEncoder;
import org.ledrl.prior.RefreshPolicy;
import org.ledrl.prior.heuristic.HeuristicPrior;
import org.ledrl.reflect.ReflectiveEvaluatorFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the MAPPO actor and critic with PPO. Training episodes run {@code envs} at a time side by side
 * ({@link VectorRollouts}, the networks batched over them), and one PPO update follows each group, on all of its
 * decisions. Every episode runs on a fresh environment made from its own seed (with the simulator a new random
 * topology too), so the actor learns to place tasks on networks it has not seen: evaluation seeds must not be among
 * the training seeds, which are derived from the master seed ({@link #episodeSeed}).
 *
 * <p>Writes to the output folder: the {@link Checkpoint} (a later run with {@code resume=true} continues from it),
 * {@code curve.csv} with a row per update (figures, validation and diagnostics), {@code curve.png} and
 * {@code diagnostics.png}, and at the end {@code model.onnx} with {@code model-card.json}.
 *
 * <p>The same trainer trains the prior-consuming variants ({@link Variant}): {@code ledrl} (the alignment actor)
 * and {@code mappo-prior-mlp} (prior values concatenated to each token, no prior tokens). Their episodes run with a
 * private simulated prior board asking the configured provider ({@link TrainingPriors}).
 */
@Component(service = PolicyTrainer.class)
@Algorithm(MappoTrainer.ALGORITHM)
public final class MappoTrainer implements PolicyTrainer {

    static final String ALGORITHM = "mappo";
    static final String CURVE_CSV = "curve.csv";
    static final String CURVE_PNG = "curve.png";
    static final String DIAGNOSTICS_PNG = "diagnostics.png";
    static final String MODEL = "model.onnx";
    static final String CARD = "model-card.json";

    private static final Logger LOG = LoggerFactory.getLogger(MappoTrainer.class);

    /**
     * What is trained: the algorithm's name, whether its tokens carry the prior, whether the actor aligns prior
     * tokens by attention, and where the named prior providers are found.
     */
    record Variant(String algorithm, boolean readsPrior, boolean aligned, Providers providers,
                   Supplier<ReflectiveEvaluatorFactory> memories) {
        static final Variant MAPPO = new Variant(ALGORITHM, false, false, name -> Optional.empty(), () -> null);
    }

    /** The installed prior providers by name. */
    @FunctionalInterface
    interface Providers {
        Optional<PriorProvider> find(String name);
    }

    /** A progress listener that also wants each update's summary line (the train command's progress bar). */
    interface UpdateListener {
        /** After each update: the progress line's tail, the run's speed and where its time went so far. */
        void updated(String summary, double decisionsPerSecond, String timeShares);
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
        NetworkSpec spec = new NetworkSpec(options.maxNodes(), encoder.features(), options.embedding(),
                options.hidden(), CriticInput.size(encoder.observationSize()), options.dropout(),
                variant.aligned() ? encoder.priorFeatures() : 0);
        TrainingPriors priors = variant.readsPrior() ? new TrainingPriors(provider(options.priors()), options.priors(),
                variant.memories().get())
                : TrainingPriors.NONE;
        ValueNormaliser values = new ValueNormaliser(options.credit().valueNorm());

        int done = 0;
        TrainingCurve curve = new TrainingCurve();
        ActorCritic networks;
        if (Checkpoint.exists(out)) {
            if (!options.resume()) {
                throw new IllegalStateException(out + " already holds a checkpoint: resume it (resume=true) or "
                        + "train into another folder");
            }
            done = Checkpoint.read(out, request.seed(), values);
            networks = runtime.loadActorCritic(out.resolve(Checkpoint.NETWORKS));
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

        RunClock clock = RunClock.resumed(curve);
        BestModel best;
        double noise = priors.present() ? options.priors().noise() : 0;
        try (networks; VectorRollouts rollouts = new VectorRollouts(networks, encoder, values,
                options.credit().criticContext(), variant.algorithm(), options.threads())) {
            Validator validator = new Validator(options.validation().seeds(), request.environments()::apply, priors);
            best = BestModel.of(curve, out.resolve(MODEL), options.validation().keepBest(), noise);
            if (done == 0 && options.validation().every() > 0) {
                ValidationResult validation = clock.timed(RunClock.Phase.VALIDATION,
                        () -> validator.validate(rollouts));
                curve.validated(0, validation);
                best.offer(0, validation, networks);
            }
            while (done < request.episodes()) {
                int group = Math.min(options.envs(), request.episodes() - done);
                List<Lane> lanes = new ArrayList<>(group);
                for (int e = done + 1; e <= done + group; e++) {
                    long seed = episodeSeed(request.seed(), e);
                    EdgeEnvironment environment = request.environments().apply(seed);
                    lanes.add(new Lane(environment, seed, priors.episode(seed, environment)));
                }
                long decisions = clock.timed(RunClock.Phase.ROLLOUTS, () -> rollouts.run(lanes, false));
                List<Rollout> episodes = lanes.stream().map(l -> l.rollout).toList();
                Batch batch = clock.timed(RunClock.Phase.CREDIT, () -> Batch.of(episodes, options.credit(), values,
                        encoder.observationSize(), encoder.maxNodes(), spec.criticInputs()));
                PpoSettings settings = options.schedule().at(options.ppo(), done, request.episodes());
                long updateSeed = episodeSeed(request.seed(), done + group);
                UpdateStats stats = clock.timed(RunClock.Phase.UPDATE,
                        () -> networks.update(batch.ppo(), settings, updateSeed));
                int before = done;
                done += group;
                clock.counted(decisions);
                TrainingCurve.Diagnostics diagnostics = new TrainingCurve.Diagnostics(clock.decisionsPerSecond(),
                        stats.valueLoss(), batch.explainedVariance(), stats.approxKl(), stats.clipFraction(),
                        stats.entropy(), stats.actorGradNorm(), stats.criticGradNorm(), settings.learningRate());
                curve.add(new TrainingCurve.Point(done, lanes.stream()
                        .mapToDouble(l -> l.rollout.meanReturn(l.nodes)).average().orElse(0),
                        pooledSuccess(episodes), (int) decisions, clock.elapsedSeconds(), diagnostics));
                if (options.validation().isDue(before, done) || (done == request.episodes()
                        && options.validation().every() > 0)) {
                    ValidationResult validation = clock.timed(RunClock.Phase.VALIDATION,
                            () -> validator.validate(rollouts));
                    curve.validated(done, validation);
                    best.offer(done, validation, networks);
                }
                for (int i = 0; i < lanes.size(); i++) {
                    Lane lane = lanes.get(i);
                    progress.episode(before + i + 1, request.episodes(), lane.rollout.meanReturn(lane.nodes),
                            lane.rollout.successRate());
                }
                if (progress instanceof UpdateListener listener) {
                    listener.updated(summary(curve, diagnostics), clock.decisionsPerSecond(), clock.shares());
                }
                if (done / options.checkpointEvery() > before / options.checkpointEvery()
                        || done == request.episodes()) {
                    Checkpoint.write(out, networks, values, curve, done, request.seed(), request.scenario());
                }
            }
            if (!best.kept()) {
                networks.exportActor(out.resolve(MODEL));
            }
        }
        double finalSuccess = finalSuccessRate(curve);
        ModelCard.of(variant.algorithm(), encoder, new ModelCard.Training(request.scenario(), request.seed(),
                request.episodes(), finalSuccess, notes(options, priors, best, clock))).write(out.resolve(CARD));
        String title = variant.algorithm() + " training on " + request.scenario();
        curve.writePng(out.resolve(CURVE_PNG), title);
        DiagnosticsChart.write(curve.points(), out.resolve(DIAGNOSTICS_PNG), title);
        return new TrainingResult(out.resolve(MODEL), request.episodes(), finalSuccess);
    }

    /** The progress line's tail: speed, latest validation, and the update's diagnostics. */
    private static String summary(TrainingCurve curve, TrainingCurve.Diagnostics d) {
        double validation = curve.points().stream().map(TrainingCurve.Point::validationSuccess)
                .filter(v -> !Double.isNaN(v)).reduce((a, b) -> b).orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.0f decisions/s  validation %.1f%%  ev %.2f  kl %.4f  clip %.2f  "
                + "entropy %.2f", d.decisionsPerS(), 100 * validation, d.explainedVariance(), d.approxKl(),
                d.clipFraction(), d.entropy());
    }

    private String notes(TrainingOptions options, TrainingPriors priors, BestModel best, RunClock clock) {
        String notes = String.format(Locale.ROOT, "success rate: the last 10 training updates' episodes (sampled "
                + "actions); %s; trained at %.0f decisions/s (time: %s)", best.describe(options.validation().seeds()),
                clock.decisionsPerSecond(), clock.shares());
        if (priors.present()) {
            TrainingOptions.PriorOptions p = options.priors();
            PriorProvider provider = priors.provider();
            RefreshPolicy refresh = p.refreshPolicy();
            notes += String.format(Locale.ROOT, "; priors from provider %s (%s), %s, "
                    + "%.0f%% of episodes with no or misleading priors", p.provider(), provider.name(),
                    refresh.isFresh(provider.name()) ? "fresh (no latency: asked at every decision)"
                            : String.format(Locale.ROOT, "simulated LLM delay %d ms, refresh every %d slots%s",
                            refresh.delayFor(provider.name()), p.refreshSlots(),
                            p.standIn() ? " (heuristic standing in for an LLM)" : ""), 100 * p.noise());
            if (p.reflection()) {
                notes += "; prompts carry the lessons of a reflective memory per episode";
            }
        }
        return notes;
    }

    /** The named provider; the heuristic one without an LLM when it is not installed as a service. */
    private PriorProvider provider(TrainingOptions.PriorOptions priors) {
        return variant.providers().find(priors.provider()).orElseGet(() -> {
            if (!priors.provider().equals(HeuristicPrior.MODEL)) {
                throw new IllegalArgumentException("training option provider: no prior provider named '"
                        + priors.provider() + "' is installed");
            }
            return HeuristicPrior.provider();
        });
    }

    private static double pooledSuccess(List<Rollout> episodes) {
        int tasks = episodes.stream().mapToInt(Rollout::tasks).sum();
        int successes = episodes.stream().mapToInt(Rollout::successes).sum();
        return tasks == 0 ? 0 : successes / (double) tasks;
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
}
