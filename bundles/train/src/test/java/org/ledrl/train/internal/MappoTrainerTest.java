package org.ledrl.train.internal;

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
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.policy.TrainingRequest;
import org.ledrl.api.policy.TrainingResult;
import org.ledrl.ml.MlRuntime;
import org.ledrl.policy.mappo.ModelCard;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.Scenarios;
import org.ledrl.sim.Simulation;

class MappoTrainerTest {

    static final MlRuntime RUNTIME = MlRuntime.standalone(
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

    @Test
    void successRateImprovesOverTheFirstEpisodes(@TempDir Path out) throws Exception {
        List<Double> success = new ArrayList<>();
        TrainingResult result = new MappoTrainer(RUNTIME).train(request(scenario(), 30, out, Map.of()),
                (episode, total, meanReturn, rate) -> success.add(rate));
        assertEquals(30, success.size());
        double first = success.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = success.subList(25, 30).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last > first + 0.05, "success rate first five episodes " + first + ", last five " + last);

        assertEquals(out.resolve("model.onnx"), result.model());
        ModelCard card = ModelCard.read(out.resolve("model-card.json"));
        assertEquals(20, card.observation().maxNodes());
        assertEquals("small", card.training().scenario());
        assertEquals(30, card.training().episodes());
        assertEquals(result.finalSuccessRate(), card.training().finalSuccessRate(), 1e-12);
        try (var model = RUNTIME.loadOnnx(result.model())) {
            card.verify(model.inputs(), model.outputs(), "model.onnx");
        }
        List<String> csv = Files.readAllLines(out.resolve("curve.csv"));
        assertEquals(TrainingCurve.HEADER, csv.get(0));
        assertEquals(32, csv.size(), "a row before training (validation only) and one per episode");
        // the greedy actor on the fixed validation episodes: before training, then every 10 episodes
        Map<Integer, Double> validation = new java.util.TreeMap<>();
        for (TrainingCurve.Point p : TrainingCurve.read(out.resolve("curve.csv"), 30).points()) {
            if (!Double.isNaN(p.validationSuccess())) {
                validation.put(p.episode(), p.validationSuccess());
                assertTrue(Double.isNaN(p.validationMisleadingSuccess()), "mappo reads no priors");
            }
        }
        assertEquals(List.of(0, 10, 20, 30), List.copyOf(validation.keySet()));
        assertTrue(validation.get(30) > validation.get(0) + 0.05, "validation success " + validation);
        // the model is the actor of the best validation (the first of equals)
        int bestEpisode = validation.entrySet().stream().max(Map.Entry.<Integer, Double>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow().getKey();
        assertTrue(card.training().notes().contains("model: the actor after episode " + bestEpisode + ", the best "
                + "validation success rate"), card.training().notes());
        assertNotNull(ImageIO.read(out.resolve("curve.png").toFile()));
    }

    @Test
    void aResumedRunContinuesExactlyWhereTheCheckpointLeftOff(@TempDir Path dir) throws Exception {
        Scenario scenario = scenario();
        Map<String, String> options = new HashMap<>(Map.of("checkpointEvery", "2"));
        Path straight = dir.resolve("straight");
        List<Double> straightRates = new ArrayList<>();
        new MappoTrainer(RUNTIME).train(request(scenario, 4, straight, options),
                (e, t, r, rate) -> straightRates.add(rate));

        Path resumed = dir.resolve("resumed");
        new MappoTrainer(RUNTIME).train(request(scenario, 2, resumed, options), (e, t, r, rate) -> { });
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new MappoTrainer(RUNTIME).train(request(scenario, 4, resumed, options), (e, t, r, rate) -> { }));
        assertTrue(refused.getMessage().contains("already holds a checkpoint"), refused.getMessage());

        options.put("resume", "true");
        List<Integer> episodes = new ArrayList<>();
        List<Double> resumedRates = new ArrayList<>();
        new MappoTrainer(RUNTIME).train(request(scenario, 4, resumed, options), (e, t, r, rate) -> {
            episodes.add(e);
            resumedRates.add(rate);
        });
        assertEquals(List.of(3, 4), episodes);
        assertEquals(straightRates.subList(2, 4), resumedRates);
        assertEquals(Files.readAllLines(straight.resolve("curve.csv")).size(),
                Files.readAllLines(resumed.resolve("curve.csv")).size());
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
        IllegalArgumentException seeds = assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.from(Map.of("validationSeeds", "101,x")));
        assertTrue(seeds.getMessage().contains("validationSeeds must be whole numbers separated by commas, not '101,x'"),
                seeds.getMessage());
        assertEquals(List.of(1L, 2L), TrainingOptions.from(Map.of("validationSeeds", "1, 2")).validation().seeds());
    }
}
