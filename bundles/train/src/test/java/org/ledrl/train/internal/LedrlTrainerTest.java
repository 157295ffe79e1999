package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.policy.mappo.ModelCard;
import org.ledrl.policy.mappo.ObservationEncoder;

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
}
