package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.policy.mappo.ModelCard;
import org.ledrl.policy.mappo.ObservationEncoder;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.ledrl.reflect.internal.ReflectiveEvaluatorFactoryComponent;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.Scenarios;

class LedrlTrainerTest {

    /** The alignment actor with heuristic priors on a simulated board, validated with honest and misleading ones. */
    @Test
    void trainsWithPriorsAndKeepsTheBestByTheirMix(@TempDir Path out) throws Exception {
        List<Double> success = new ArrayList<>();
        new LedrlTrainer(MappoTrainerTest.RUNTIME).train(
                MappoTrainerTest.request(MappoTrainerTest.scenario(), 16, out, MappoTrainerTest.quick()),
                (episode, total, meanReturn, rate) -> success.add(rate));
        assertEquals(16, success.size());

        ModelCard card = ModelCard.read(out.resolve("model-card.json"));
        assertEquals("ledrl", card.algorithm());
        assertEquals(ObservationEncoder.LAYOUT_WITH_PRIOR, card.observation().layout());
        assertTrue(card.training().notes().contains("priors from provider heuristic"), card.training().notes());
        // validated with honest and with misleading priors; the model is the best by their mix (0.7 / 0.3)
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (TrainingCurve.Point p : TrainingCurve.read(out.resolve("curve.csv"), 16).points()) {
            if (!Double.isNaN(p.validationSuccess())) {
                assertFalse(Double.isNaN(p.validationMisleadingSuccess()), "episode " + p.episode());
                double score = 0.7 * p.validationSuccess() + 0.3 * p.validationMisleadingSuccess();
                if (score > bestScore) {
                    bestScore = score;
                    best = p.episode();
                }
            }
        }
        assertTrue(card.training().notes().contains("model: the actor after episode " + best + ", the best "
                + "validation score"), card.training().notes());
    }

    /**
     * With {@code reflection=true} every episode, in training and in validation, gets a fresh reflective memory that
     * watches it, and the lessons it draws reach the board's prompts (the heuristic reads them), as in a run of
     * {@code ledrl}; without a memory installed, the option is refused by name.
     */
    @Test
    void reflectionGivesEachEpisodeAMemoryWhoseLessonsReachThePrompts(@TempDir Path out) throws Exception {
        Scenario flaky = Scenarios.parse("""
                name: small-flaky
                slots: 50
                topology: { type: random, nodes: 10, degree: 3.0 }
                nodes: { cpuGHz: [1.0, 4.0] }
                tasks: { arrivalProbability: [0.3, 1.0], sizeKB: [250, 500], cyclesPerBit: [800, 2400] }
                failures: { executionRate: 0.05, nodes: { flakyShare: 0.3, flakyFactor: 8 } }
                """, "small-flaky", List.of());
        LedrlTrainer trainer = new LedrlTrainer(MappoTrainerTest.RUNTIME);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> trainer.train(
                MappoTrainerTest.request(flaky, 4, out.resolve("none"), MappoTrainerTest.quick("reflection=true")),
                (episode, total, meanReturn, rate) -> { }));
        assertTrue(missing.getMessage().contains("reflection: no reflective memory is installed"),
                missing.getMessage());

        List<ReflectiveEvaluator> memories = new ArrayList<>();
        ReflectiveEvaluatorFactoryComponent factory = new ReflectiveEvaluatorFactoryComponent();
        trainer.setMemories(settings -> {
            ReflectiveEvaluator memory = factory.create(settings);
            memories.add(memory);
            return memory;
        });
        trainer.train(MappoTrainerTest.request(flaky, 8, out.resolve("with"),
                        MappoTrainerTest.quick("reflection=true", "priorNoise=0")),
                (episode, total, meanReturn, rate) -> { });
        // 8 training episodes, and 8 validation seeds before training and after episode 8
        assertEquals(8 + 2 * 8, memories.size());
        assertTrue(memories.stream().allMatch(m -> m.nowMillis() > 0), "every memory watched its episode");
        assertTrue(memories.stream().anyMatch(m -> !m.lessons().isEmpty()), "lessons drawn");
        assertTrue(memories.stream().anyMatch(m -> !m.lastRecalls().isEmpty()), "lessons recalled into prompts");
        ModelCard card = ModelCard.read(out.resolve("with/model-card.json"));
        assertTrue(card.training().notes().contains("prompts carry the lessons of a reflective memory per episode"),
                card.training().notes());
    }
}
