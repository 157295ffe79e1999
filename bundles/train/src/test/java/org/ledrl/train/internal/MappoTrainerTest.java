package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.policy.TrainingRequest;
import org.ledrl.api.policy.TrainingResult;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.internal.GarbageStorm;
import org.ledrl.ml.internal.StandaloneRuntime;
import org.ledrl.policy.mappo.ModelCard;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.Scenarios;
import org.ledrl.sim.Simulation;

class MappoTrainerTest {

    static final MlRuntime RUNTIME = new StandaloneRuntime(
            Path.of(System.getProperty("DJL_CACHE_DIR", System.getProperty("user.home") + "/.djl.ai")), 1);

    /** Ten heterogeneous nodes, episodes of 50 slots: small enough to train in seconds. */
    static Scenario scenario() throws Exception {
        return Scenarios.parse("""
                name: small
                slots: 50
                topology: { type: random, nodes: 10, degree: 3.0 }
                nodes: { cpuGHz: [1.0, 4.0] }
                tasks: { arrivalProbability: [0.3, 1.0], sizeKB: [250, 500], cyclesPerBit: [800, 2400] }
                """, "small", List.of());
    }

    static TrainingRequest request(Scenario scenario, int episodes, Path out, Map<String, String> options) {
        return new TrainingRequest(seed -> new Simulation(scenario.withSeed(seed)), scenario.name(), episodes, 7, out,
                options);
    }

    /** Small and quick: four episodes side by side, validation on eight seeds every eight episodes. */
    static Map<String, String> quick(String... more) {
        Map<String, String> options = new HashMap<>(Map.of("envs", "4", "validateEvery", "8",
                "validationSeeds", "101,102,103,104,105,106,107,108", "minibatch", "256"));
        for (String kv : more) {
            String[] parts = kv.split("=", 2);
            options.put(parts[0], parts[1]);
        }
        return options;
    }

    @Test
    void validationSuccessRisesAndTheBestActorIsExported(@TempDir Path out) throws Exception {
        List<Integer> episodes = new ArrayList<>();
        TrainingResult result = new MappoTrainer(RUNTIME).train(request(scenario(), 32, out, quick()),
                (episode, total, meanReturn, rate) -> episodes.add(episode));
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 32).boxed().toList(), episodes, "once per episode");

        assertEquals(out.resolve("model.onnx"), result.model());
        ModelCard card = ModelCard.read(out.resolve("model-card.json"));
        assertEquals(20, card.observation().maxNodes());
        assertEquals(ModelCard.FORMAT, card.format());
        assertEquals("small", card.training().scenario());
        assertEquals(32, card.training().episodes());
        assertEquals(result.finalSuccessRate(), card.training().finalSuccessRate(), 1e-12);
        try (var model = RUNTIME.loadOnnx(result.model())) {
            card.verify(model.inputs(), model.outputs(), "model.onnx");
        }
        List<String> csv = Files.readAllLines(out.resolve("curve.csv"));
        assertEquals(TrainingCurve.HEADER, csv.get(0));
        assertEquals(1 + 1 + 8, csv.size(), "a row before training (validation only) and one per update of 4 episodes");
        Map<Integer, Double> validation = new java.util.TreeMap<>();
        for (TrainingCurve.Point p : TrainingCurve.read(out.resolve("curve.csv"), 32).points()) {
            if (!Double.isNaN(p.validationSuccess())) {
                validation.put(p.episode(), p.validationSuccess());
                assertTrue(Double.isNaN(p.validationMisleadingSuccess()), "mappo reads no priors");
                assertTrue(p.validation().ci95() > 0 && p.validation().ci95() < 0.2, "interval " + p.validation());
            }
            if (p.trained()) {
                TrainingCurve.Diagnostics d = p.diagnostics();
                assertTrue(d.decisionsPerS() > 0 && d.valueLoss() >= 0 && d.entropy() > 0 && d.approxKl() > -1e-6
                        && d.clipFraction() >= 0 && d.clipFraction() <= 1 && d.actorGradNorm() > 0
                        && d.criticGradNorm() > 0 && d.learningRate() > 0, "diagnostics " + d);
            }
        }
        assertEquals(List.of(0, 8, 16, 24, 32), List.copyOf(validation.keySet()));
        double start = validation.get(0);
        double bestValidation = validation.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(bestValidation > start + 0.05, "validation success " + validation);
        int bestEpisode = validation.entrySet().stream().max(Map.Entry.<Integer, Double>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow().getKey();
        assertTrue(card.training().notes().contains("model: the actor after episode " + bestEpisode + ", the best "
                + "validation success rate"), card.training().notes());
        assertTrue(card.training().notes().matches(".*decisions/s \\(time: rollouts \\d+%, credit \\d+%, update \\d+%, "
                + "validation \\d+%, the rest \\d+%\\).*"), card.training().notes());
        assertNotNull(ImageIO.read(out.resolve("curve.png").toFile()));
        assertNotNull(ImageIO.read(out.resolve("diagnostics.png").toFile()));
    }

    /**
     * Stopped after 4 of 8 episodes and resumed, a run ends as the straight one. (The schedules run over the
     * episodes a run is asked for, so the interrupted run here keeps them flat; one resumed with the same
     * --episodes continues them as they were.)
     */
    @Test
    void aResumedRunContinuesExactlyWhereTheCheckpointLeftOff(@TempDir Path dir) throws Exception {
        Scenario scenario = scenario();
        Map<String, String> options = quick("checkpointEvery=4", "envs=2", "validateEvery=4",
                "learningRateEnd=0.0004", "entropyEnd=0.01");
        Path straight = dir.resolve("straight");
        List<Double> straightRates = new ArrayList<>();
        new MappoTrainer(RUNTIME).train(request(scenario, 8, straight, options),
                (e, t, r, rate) -> straightRates.add(rate));

        Path resumed = dir.resolve("resumed");
        new MappoTrainer(RUNTIME).train(request(scenario, 4, resumed, options), (e, t, r, rate) -> { });
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new MappoTrainer(RUNTIME).train(request(scenario, 8, resumed, options), (e, t, r, rate) -> { }));
        assertTrue(refused.getMessage().contains("already holds a checkpoint"), refused.getMessage());

        options.put("resume", "true");
        List<Integer> episodes = new ArrayList<>();
        List<Double> resumedRates = new ArrayList<>();
        // with collections running all through, as the same-seed test: the resumed networks must not read freed memory
        whileCollecting(() -> new MappoTrainer(RUNTIME).train(request(scenario, 8, resumed, options), (e, t, r, rate) -> {
            episodes.add(e);
            resumedRates.add(rate);
        }));
        assertEquals(List.of(5, 6, 7, 8), episodes);
        assertEquals(straightRates.subList(4, 8), resumedRates);
        assertEquals(learningColumns(straight), learningColumns(resumed));
        assertArrayEquals(Files.readAllBytes(straight.resolve("checkpoint.bin")),
                Files.readAllBytes(resumed.resolve("checkpoint.bin")), "the same networks and optimiser state");
    }

    /** The curve without the columns that measure time. */
    private static List<String> learningColumns(Path out) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("curve.csv"))) {
            String[] cells = line.split(",", -1);
            cells[4] = "";
            cells[8] = "";
            rows.add(String.join(",", cells));
        }
        return rows;
    }

    /**
     * The same seed trains the same model bit for bit, also when garbage collections run all through the second run
     * (native memory freed under a step's forward and backward passes would show: the run it failed in had a
     * collection at the wrong moment by chance). The curves' learning columns name the first update that differs.
     */
    @Test
    void theSameSeedTrainsTheSameModel(@TempDir Path dir) throws Exception {
        Map<String, String> options = quick("validateEvery=0");
        new MappoTrainer(RUNTIME).train(request(scenario(), 8, dir.resolve("a"), options), (e, t, r, rate) -> { });
        int collections = whileCollecting(() -> new MappoTrainer(RUNTIME).train(request(scenario(), 8,
                dir.resolve("b"), options), (e, t, r, rate) -> { }));
        assertTrue(collections > 10, "collections during the second run: " + collections);
        assertEquals(learningColumns(dir.resolve("a")), learningColumns(dir.resolve("b")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.onnx")), Files.readAllBytes(dir.resolve("b/model.onnx")));
    }

    /** Runs {@code work} while another thread collects garbage over and over; returns how many collections ran. */
    static int whileCollecting(Callable<?> work) throws Exception {
        try (GarbageStorm storm = new GarbageStorm()) {
            work.call();
            return storm.collections();
        }
    }

    /** Learning rate and entropy weight fall linearly from their start to their end values over the run. */
    @Test
    void schedulesAnnealLinearlyOverTheRun() {
        TrainingOptions options = TrainingOptions.from(Map.of("learningRate", "0.001", "learningRateEnd", "0.0001",
                "entropy", "0.02", "entropyEnd", "0"));
        org.ledrl.ml.PpoSettings start = options.schedule().at(options.ppo(), 0, 100);
        org.ledrl.ml.PpoSettings middle = options.schedule().at(options.ppo(), 50, 100);
        org.ledrl.ml.PpoSettings end = options.schedule().at(options.ppo(), 100, 100);
        assertEquals(0.001, start.learningRate(), 1e-12);
        assertEquals(0.02, start.entropyCoef(), 1e-12);
        assertEquals(0.00055, middle.learningRate(), 1e-12);
        assertEquals(0.01, middle.entropyCoef(), 1e-12);
        assertEquals(0.0001, end.learningRate(), 1e-12);
        assertEquals(0.0, end.entropyCoef(), 1e-12);
        assertEquals(options.ppo().clip(), middle.clip());
        TrainingOptions defaults = TrainingOptions.from(Map.of());
        assertEquals(defaults.ppo().learningRate() / 10, defaults.schedule().learningRateEnd(), 1e-12);
    }

    @Test
    void badOptionsAreNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.from(Map.of("learningrate", "0.1")));
        assertTrue(unknown.getMessage().contains("unknown training option 'learningrate'"), unknown.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.from(Map.of("gamma", "1.5")));
        assertTrue(value.getMessage().contains("gamma must be in [0.0, 1.0], not 1.5"), value.getMessage());
        assertEquals(4e-4, TrainingOptions.from(Map.of()).ppo().learningRate());
        IllegalArgumentException reward = assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.from(Map.of("reward", "shared")));
        assertTrue(reward.getMessage().contains("reward must be one of [individual, team, congestion], not 'shared'"),
                reward.getMessage());
        assertEquals(Rewards.Form.CONGESTION, TrainingOptions.from(Map.of("reward", "Congestion")).credit().reward());
        IllegalArgumentException seeds = assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.from(Map.of("validationSeeds", "101,x")));
        assertTrue(seeds.getMessage().contains("validationSeeds must be whole numbers separated by commas, not '101,x'"),
                seeds.getMessage());
        assertEquals(List.of(1L, 2L), TrainingOptions.from(Map.of("validationSeeds", "1, 2")).validation().seeds());
    }
}
