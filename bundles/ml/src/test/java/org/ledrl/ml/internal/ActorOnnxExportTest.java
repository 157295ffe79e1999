package org.ledrl.ml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.InferenceModel;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.PpoSettings;
import org.ledrl.ml.RolloutBatch;
import org.ledrl.ml.Tensor;
import org.ledrl.ml.TensorSpec;

/** The golden test: the exported ONNX actor and DJL's forward pass agree within 1e-5. */
class ActorOnnxExportTest {

    private static final NetworkSpec SPEC = new NetworkSpec(20, 12, 8, 64, 30, 0.1);

    @Test
    void onnxRuntimeAgreesWithDjlOnRandomObservations(@TempDir Path dir) throws Exception {
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(SPEC, 7)) {
            moveWeightsAwayFromInitialisation(networks);
            Path file = dir.resolve("actor.onnx");
            networks.exportActor(file);

            int batch = 64;
            TestData data = new TestData(SPEC, batch, 11);
            float[] expected = networks.scores(data.observations, data.masks, batch);
            try (InferenceModel model = TestData.RUNTIME.loadOnnx(file)) {
                assertEquals(List.of(new TensorSpec("observation", new long[] {-1, 240}),
                        new TensorSpec("mask", new long[] {-1, 20})), model.inputs());
                assertEquals(List.of(new TensorSpec("scores", new long[] {-1, 20})), model.outputs());
                float[] actual = model.run(Map.of(
                        "observation", Tensor.matrix(data.observations, batch, 240),
                        "mask", Tensor.matrix(data.masks, batch, 20))).get("scores").data();

                double spread = 0;
                for (int i = 0; i < expected.length; i++) {
                    if (data.masks[i] > 0) {
                        assertEquals(expected[i], actual[i], 1e-5, "score " + i);
                        spread = Math.max(spread, Math.abs(expected[i]));
                    } else {
                        assertTrue(actual[i] < -1e8 && expected[i] < -1e8, "masked score " + i + " is " + actual[i]);
                    }
                }
                System.out.println("golden test: largest unmasked score " + spread);
                // the comparison means something only if the scores are not all near zero
                assertTrue(spread > 0.05, "scores too small to compare: " + spread);
            }
        }
    }

    /** The alignment actor: 14 observation and 9 prior values per token, 2N tokens attending to each other. */
    @Test
    void alignmentActorExportAgreesWithDjlAndSurvivesACheckpoint(@TempDir Path dir) throws Exception {
        NetworkSpec aligned = new NetworkSpec(20, 23, 8, 64, 30, 0.1, 9);
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(aligned, 5)) {
            moveWeightsAwayFromInitialisation(networks);
            Path file = dir.resolve("aligned.onnx");
            networks.exportActor(file);
            int batch = 64;
            TestData data = new TestData(aligned, batch, 13);
            float[] expected = networks.scores(data.observations, data.masks, batch);
            try (InferenceModel model = TestData.RUNTIME.loadOnnx(file)) {
                assertEquals(List.of(new TensorSpec("observation", new long[] {-1, 20 * 23}),
                        new TensorSpec("mask", new long[] {-1, 20})), model.inputs());
                float[] actual = model.run(Map.of(
                        "observation", Tensor.matrix(data.observations, batch, 20 * 23),
                        "mask", Tensor.matrix(data.masks, batch, 20))).get("scores").data();
                double spread = 0;
                for (int i = 0; i < expected.length; i++) {
                    if (data.masks[i] > 0) {
                        assertEquals(expected[i], actual[i], 1e-5, "score " + i);
                        spread = Math.max(spread, Math.abs(expected[i]));
                    }
                }
                assertTrue(spread > 0.05, "scores too small to compare: " + spread);
            }

            // the prior values matter: changing only them changes the scores
            float[] changed = data.observations.clone();
            for (int token = 0; token < batch * 20; token++) {
                changed[token * 23 + 16] += 1f;
            }
            float[] moved = networks.scores(changed, data.masks, batch);
            double largest = 0;
            for (int i = 0; i < moved.length; i++) {
                if (data.masks[i] > 0) {
                    largest = Math.max(largest, Math.abs(moved[i] - expected[i]));
                }
            }
            assertTrue(largest > 1e-3, "prior values had no effect: " + largest);

            Path checkpoint = dir.resolve("aligned.bin");
            networks.save(checkpoint);
            try (ActorCritic loaded = TestData.RUNTIME.loadActorCritic(checkpoint)) {
                assertEquals(aligned, loaded.spec());
                float[] again = loaded.scores(data.observations, data.masks, batch);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], again[i], 1e-6, "score " + i + " after loading");
                }
            }
        }
    }

    @Test
    void batchOfOneGivesTheSameScoresAsTheBatch(@TempDir Path dir) throws Exception {
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(SPEC, 3)) {
            moveWeightsAwayFromInitialisation(networks);
            Path file = dir.resolve("actor.onnx");
            networks.exportActor(file);
            TestData data = new TestData(SPEC, 4, 5);
            try (InferenceModel model = TestData.RUNTIME.loadOnnx(file)) {
                float[] all = model.run(Map.of("observation", Tensor.matrix(data.observations, 4, 240),
                        "mask", Tensor.matrix(data.masks, 4, 20))).get("scores").data();
                float[] row = new float[240];
                float[] mask = new float[20];
                System.arraycopy(data.observations, 2 * 240, row, 0, 240);
                System.arraycopy(data.masks, 2 * 20, mask, 0, 20);
                float[] one = model.run(Map.of("observation", Tensor.matrix(row, 1, 240),
                        "mask", Tensor.matrix(mask, 1, 20))).get("scores").data();
                for (int t = 0; t < 20; t++) {
                    assertEquals(all[2 * 20 + t], one[t], 1e-5);
                }
            }
        }
    }

    /** A few large PPO steps on random data, so that every weight matters in the comparison. */
    static void moveWeightsAwayFromInitialisation(ActorCritic networks) {
        NetworkSpec spec = networks.spec();
        int size = 128;
        TestData data = new TestData(spec, size, 1);
        Random random = new Random(2);
        int[] actions = new int[size];
        float[] zeros = new float[size];
        float[] advantages = new float[size];
        float[] returns = new float[size];
        for (int i = 0; i < size; i++) {
            actions[i] = 0;
            advantages[i] = (float) random.nextGaussian();
            returns[i] = (float) random.nextGaussian();
        }
        RolloutBatch batch = new RolloutBatch(size, data.observations, data.masks,
                new float[size * spec.criticInputs()], actions, zeros, advantages, returns);
        networks.update(batch, new PpoSettings(0.003, 1e6, 3, 32, 0.5, 0.0, 0), 9);
    }
}
