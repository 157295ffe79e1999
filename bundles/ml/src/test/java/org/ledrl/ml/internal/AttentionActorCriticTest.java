package org.ledrl.ml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.PpoSettings;
import org.ledrl.ml.RolloutBatch;
import org.ledrl.ml.UpdateStats;

class AttentionActorCriticTest {

    private static final NetworkSpec SPEC = new NetworkSpec(6, 4, 8, 32, 5, 0.0);

    @Test
    void maskedActionsGetNoProbability() {
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(SPEC, 1)) {
            TestData data = new TestData(SPEC, 16, 3);
            float[] p = networks.probabilities(data.observations, data.masks, 16);
            for (int b = 0; b < 16; b++) {
                double sum = 0;
                for (int t = 0; t < 6; t++) {
                    float prob = p[b * 6 + t];
                    if (data.masks[b * 6 + t] == 0) {
                        assertEquals(0f, prob, 1e-12, "masked token " + t + " of row " + b);
                    }
                    sum += prob;
                }
                assertEquals(1.0, sum, 1e-5);
            }
        }
    }

    /**
     * A contextual bandit: the right token is the one whose feature 1 is largest. PPO on the sampled actions must
     * raise the probability of choosing it well above chance.
     */
    @Test
    void ppoLearnsToPickTheBestToken() {
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(SPEC, 2)) {
            Random random = new Random(4);
            double before = accuracy(networks, new TestData(SPEC, 256, 99));
            for (int round = 0; round < 30; round++) {
                int size = 256;
                TestData data = new TestData(SPEC, size, 100 + round);
                float[] p = networks.probabilities(data.observations, data.masks, size);
                int[] actions = new int[size];
                float[] logProbs = new float[size];
                float[] rewards = new float[size];
                for (int b = 0; b < size; b++) {
                    actions[b] = sample(p, b, random);
                    logProbs[b] = (float) Math.log(p[b * 6 + actions[b]]);
                    rewards[b] = actions[b] == best(data, b) ? 1f : -1f;
                }
                RolloutBatch batch = new RolloutBatch(size, data.observations, data.masks, new float[size * 5],
                        actions, logProbs, rewards, rewards);
                UpdateStats stats = networks.update(batch, new PpoSettings(3e-3, 0.2, 4, 64, 0.5, 0.0, 0.5), round);
                assertTrue(Double.isFinite(stats.policyLoss()));
            }
            double after = accuracy(networks, new TestData(SPEC, 256, 99));
            assertTrue(after > 0.8 && after > before + 0.3, "accuracy before " + before + ", after " + after);
        }
    }

    @Test
    void checkpointRestoresTheSameNetworksAndOptimiser(@TempDir Path dir) throws IOException {
        TestData data = new TestData(SPEC, 8, 5);
        Path file = dir.resolve("checkpoint.bin");
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(SPEC, 3)) {
            ActorOnnxExportTest.moveWeightsAwayFromInitialisation(networks);
            networks.save(file);
            try (ActorCritic loaded = TestData.RUNTIME.loadActorCritic(file)) {
                assertEquals(SPEC, loaded.spec());
                assertArrayEquals(networks.scores(data.observations, data.masks, 8),
                        loaded.scores(data.observations, data.masks, 8));
                assertArrayEquals(networks.values(new float[40], 8), loaded.values(new float[40], 8));
                // same optimiser state: the same update leads to the same weights
                ActorOnnxExportTest.moveWeightsAwayFromInitialisation(networks);
                ActorOnnxExportTest.moveWeightsAwayFromInitialisation(loaded);
                assertArrayEquals(networks.scores(data.observations, data.masks, 8),
                        loaded.scores(data.observations, data.masks, 8), 1e-6f);
            }
        }
    }

    @Test
    void truncatedCheckpointIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("checkpoint.bin");
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(SPEC, 3)) {
            networks.save(file);
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> TestData.RUNTIME.loadActorCritic(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        Files.writeString(file, "not a checkpoint");
        e = assertThrows(IOException.class, () -> TestData.RUNTIME.loadActorCritic(file));
        assertTrue(e.getMessage().contains("not an actor-critic checkpoint"), e.getMessage());
    }

    @Test
    void wrongInputLengthsAreRefused() {
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(SPEC, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> networks.scores(new float[10], new float[6], 1));
            assertTrue(e.getMessage().contains("observations has 10 values, expected 24"), e.getMessage());
        }
    }

    private static double accuracy(ActorCritic networks, TestData data) {
        int size = data.masks.length / 6;
        float[] p = networks.probabilities(data.observations, data.masks, size);
        int right = 0;
        for (int b = 0; b < size; b++) {
            int argmax = 0;
            for (int t = 1; t < 6; t++) {
                if (p[b * 6 + t] > p[b * 6 + argmax]) {
                    argmax = t;
                }
            }
            right += argmax == best(data, b) ? 1 : 0;
        }
        return right / (double) size;
    }

    private static int best(TestData data, int row) {
        int best = -1;
        for (int t = 0; t < 6; t++) {
            if (data.masks[row * 6 + t] > 0
                    && (best < 0 || data.observations[(row * 6 + t) * 4 + 1] > data.observations[(row * 6 + best) * 4 + 1])) {
                best = t;
            }
        }
        return best;
    }

    private static int sample(float[] p, int row, Random random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int t = 0; t < 6; t++) {
            cumulative += p[row * 6 + t];
            if (u < cumulative) {
                return t;
            }
        }
        return 0;
    }

    /** A checkpoint from before the residual prior bias (header LED3, no trust weights) loads as the same network. */
    @Test
    void checkpointWithoutTrustWeightsLoadsWithTheBiasOff(@TempDir Path dir) throws Exception {
        NetworkSpec aligned = new NetworkSpec(6, 15, 8, 16, 10, 0.0, 9);
        TestData data = new TestData(aligned, 8, 3);
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(aligned, 2)) {
            Path current = dir.resolve("current.bin");
            networks.save(current);
            // the old format: header LED3, two arrays fewer, the trust weights (written last) cut off
            byte[] bytes = Files.readAllBytes(current);
            int trustBytes = 0;
            for (String name : new String[] {Parameters.TRUST_PREFERENCE, Parameters.TRUST_AVOID}) {
                trustBytes += 2 + name.length() + 3 * (4 + 4);
            }
            java.nio.ByteBuffer old = java.nio.ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - trustBytes));
            old.putInt(0, 0x4C454433);
            int countAt = 4 + 5 * 4 + 8 + 4 + 8;
            old.putInt(countAt, old.getInt(countAt) - 2);
            Path legacy = dir.resolve("legacy.bin");
            Files.write(legacy, old.array());
            float[] withBias = networks.scores(data.observations, data.masks, 8);
            try (ActorCritic loaded = TestData.RUNTIME.loadActorCritic(legacy)) {
                assertEquals(aligned, loaded.spec());
                float[] withoutBias = loaded.scores(data.observations, data.masks, 8);
                // same weights, trust 0 instead of its initial values: the scores differ by exactly the bias
                for (int i = 0; i < withBias.length; i++) {
                    if (data.masks[i] > 0) {
                        int at = i * 15 + 6;
                        double bias = 2 * Math.log(1e-3 + Math.max(0, data.observations[at + NetworkSpec.PRIOR_PREFERENCE]))
                                - 10 * data.observations[at + NetworkSpec.PRIOR_AVOID];
                        assertEquals(bias, withBias[i] - withoutBias[i], 1e-4, "score " + i);
                    }
                }
            }
        }
    }
}
