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

            // the prior token matters: changing a prior value other than preference and avoid changes the scores
            float[] changed = data.observations.clone();
            for (int token = 0; token < batch * 20; token++) {
                changed[token * 23 + 14 + 5] += 1f;
            }
            assertTrue(largestChange(networks.scores(changed, data.masks, batch), expected, data.masks) > 1e-3,
                    "prior tokens had no effect");

            // the residual bias: a new preference in [0,1] moves the scores, and ONNX Runtime agrees on it
            float[] preferred = data.observations.clone();
            Random random = new Random(17);
            for (int token = 0; token < batch * 20; token++) {
                preferred[token * 23 + 14 + NetworkSpec.PRIOR_PREFERENCE] = random.nextFloat();
                preferred[token * 23 + 14 + NetworkSpec.PRIOR_AVOID] = random.nextDouble() < 0.2 ? 1f : 0f;
            }
            float[] biased = networks.scores(preferred, data.masks, batch);
            assertTrue(largestChange(biased, expected, data.masks) > 0.1, "the preference had no effect");
            try (InferenceModel model = TestData.RUNTIME.loadOnnx(file)) {
                float[] actual = model.run(Map.of(
                        "observation", Tensor.matrix(preferred, batch, 20 * 23),
                        "mask", Tensor.matrix(data.masks, batch, 20))).get("scores").data();
                for (int i = 0; i < biased.length; i++) {
                    if (data.masks[i] > 0) {
                        assertEquals(biased[i], actual[i], 1e-5, "score " + i + " with new preferences");
                    }
                }
            }

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

    /** Untrained, the alignment actor already follows the prior: its best candidate is the prior's favourite. */
    @Test
    void untrainedAlignmentActorFollowsThePrior() throws Exception {
        NetworkSpec aligned = new NetworkSpec(20, 23, 8, 64, 30, 0.1, 9);
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(aligned, 5)) {
            int batch = 32;
            TestData data = new TestData(aligned, batch, 21);
            Random random = new Random(4);
            for (int token = 0; token < batch * 20; token++) {
                data.observations[token * 23 + 14 + NetworkSpec.PRIOR_PREFERENCE] = random.nextFloat();
                data.observations[token * 23 + 14 + NetworkSpec.PRIOR_AVOID] = 0f;
            }
            float[] probabilities = networks.probabilities(data.observations, data.masks, batch);
            for (int b = 0; b < batch; b++) {
                int favourite = -1;
                int best = -1;
                for (int t = 0; t < 20; t++) {
                    int i = b * 20 + t;
                    if (data.masks[i] > 0) {
                        float preference = data.observations[i * 23 + 14 + NetworkSpec.PRIOR_PREFERENCE];
                        if (favourite < 0 || preference > data.observations[(b * 20 + favourite) * 23 + 16]) {
                            favourite = t;
                        }
                        if (best < 0 || probabilities[i] > probabilities[b * 20 + best]) {
                            best = t;
                        }
                    }
                }
                assertEquals(favourite, best, "row " + b);
            }
        }
    }

    private static double largestChange(float[] moved, float[] before, float[] masks) {
        double largest = 0;
        for (int i = 0; i < moved.length; i++) {
            if (masks[i] > 0) {
                largest = Math.max(largest, Math.abs(moved[i] - before[i]));
            }
        }
        return largest;
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
