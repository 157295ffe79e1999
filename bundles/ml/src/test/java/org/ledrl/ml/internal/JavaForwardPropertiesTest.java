package org.ledrl.ml.internal;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.PpoSettings;
import org.ledrl.ml.RolloutBatch;

/**
 * Rollouts and validation score with the plain Java networks ({@link ActorForward}, {@link CriticForward}); the update
 * trains the PyTorch ones. Both must be the same function: on random inputs, after a few updates have moved the
 * weights away from their start, actor probabilities and scores and critic values agree within 1e-5, for the plain,
 * the aligned and the aligned actor with the residual prior.
 */
class JavaForwardPropertiesTest {

    private static final NetworkSpec PLAIN = new NetworkSpec(8, 6, 8, 32, 11, 0.0);
    private static final NetworkSpec ALIGNED = new NetworkSpec(8, 7, 8, 32, 11, 0.0, 2);
    private static final NetworkSpec RESIDUAL = new NetworkSpec(8, 10, 8, 32, 11, 0.0, 5);
    private static final float TOLERANCE = 1e-5f;

    @Property(tries = 30)
    void javaAndPyTorchNetworksAgree(@ForAll @IntRange(min = 1, max = 40) int batch,
                                     @ForAll @IntRange(min = 0, max = 10_000) int seed,
                                     @ForAll @IntRange(min = 0, max = 2) int kind) {
        NetworkSpec spec = kind == 0 ? PLAIN : kind == 1 ? ALIGNED : RESIDUAL;
        try (AttentionActorCritic networks = (AttentionActorCritic) TestData.RUNTIME.createActorCritic(spec, seed)) {
            for (int round = 0; round < 2; round++) {
                networks.update(randomBatch(networks, spec, seed * 7L + round), new PpoSettings(0.02, 0.2, 2, 32,
                        0.5, 0.01, 0, 0), seed + round);
            }
            TestData data = new TestData(spec, batch, seed + 1);
            int n = spec.maxNodes();
            float[] javaScores = networks.scores(data.observations, data.masks, batch);
            float[] torchScores = networks.torchActor(data.observations, data.masks, batch, false);
            float spread = 0;
            for (int i = 0; i < javaScores.length; i++) {
                if (data.masks[i] > 0) {
                    spread = Math.max(spread, Math.abs(torchScores[i]));
                    check("score", i, n, torchScores[i], javaScores[i], TOLERANCE * Math.max(1, Math.abs(torchScores[i])));
                } else if (!(javaScores[i] < -1e8f)) {
                    throw new AssertionError("masked token " + i + " scored " + javaScores[i]);
                }
            }
            if (spread < 1e-2f) {
                throw new AssertionError("the updates left the actor near zero (largest score " + spread
                        + "): the comparison would prove little");
            }
            float[] javaP = networks.probabilities(data.observations, data.masks, batch);
            float[] torchP = networks.torchActor(data.observations, data.masks, batch, true);
            for (int i = 0; i < javaP.length; i++) {
                check("probability", i, n, torchP[i], javaP[i], TOLERANCE);
            }
            float[] critic = new float[batch * spec.criticInputs()];
            Random random = new Random(seed);
            for (int i = 0; i < critic.length; i++) {
                critic[i] = random.nextInt(3) == 0 ? 0f : (float) random.nextGaussian();
            }
            float[] javaValues = networks.values(critic, batch);
            float[] torchValues = networks.torchValues(critic, batch);
            for (int i = 0; i < batch; i++) {
                check("value", i, 1, torchValues[i], javaValues[i], TOLERANCE * Math.max(1, Math.abs(torchValues[i])));
            }
        }
    }

    /**
     * The update scores only the allowed tokens ({@link ScoredTokens}); its log-probabilities are those of the whole
     * actor, masked tokens included, and rows that allow nothing stay as the whole actor has them.
     */
    @Property(tries = 15)
    void scoringOnlyAllowedTokensKeepsTheLogProbabilities(@ForAll @IntRange(min = 1, max = 40) int batch,
                                                          @ForAll @IntRange(min = 0, max = 10_000) int seed,
                                                          @ForAll @IntRange(min = 0, max = 2) int kind) {
        NetworkSpec spec = kind == 0 ? PLAIN : kind == 1 ? ALIGNED : RESIDUAL;
        try (AttentionActorCritic networks = (AttentionActorCritic) TestData.RUNTIME.createActorCritic(spec, seed);
             ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            networks.update(randomBatch(networks, spec, seed), new PpoSettings(0.02, 0.2, 2, 32, 0.5, 0.01, 0, 0),
                    seed);
            TestData data = new TestData(spec, batch, seed + 1);
            int n = spec.maxNodes();
            if (batch > 1) {
                java.util.Arrays.fill(data.masks, 0, n, 0f); // a row that allows nothing
            }
            ai.djl.ndarray.NDArray observations = manager.create(data.observations,
                    new ai.djl.ndarray.types.Shape(batch, spec.observationSize()));
            ai.djl.ndarray.NDArray masks = manager.create(data.masks, new ai.djl.ndarray.types.Shape(batch, n));
            float[] whole = networks.actor(observations, masks, false).logSoftmax(1).toFloatArray();
            float[] scored = networks.actor(observations, masks, false, ScoredTokens.of(manager, data.masks, batch, n))
                    .logSoftmax(1).toFloatArray();
            for (int i = 0; i < whole.length; i++) {
                if (data.masks[i] > 0 || (batch > 1 && i < n)) {
                    // relative: near -20 one float step is 1.9e-6, so this allows about ten
                    check("log-probability", i, n, whole[i], scored[i], 1e-6f * Math.max(1, Math.abs(whole[i])));
                } else if (!(scored[i] < -1e8f && whole[i] < -1e8f)) {
                    throw new AssertionError("masked token " + i + ": " + whole[i] + " whole, " + scored[i]);
                }
            }
        }
    }

    private static void check(String what, int i, int n, float expected, float actual, float tolerance) {
        if (!(Math.abs(expected - actual) <= tolerance)) {
            throw new AssertionError(what + " of row " + i / n + " token " + i % n + ": PyTorch " + expected
                    + ", Java " + actual);
        }
    }

    /** Actions sampled from the networks' policy, random advantages and returns: something for PPO to move on. */
    private static RolloutBatch randomBatch(AttentionActorCritic networks, NetworkSpec spec, long seed) {
        int size = 96;
        TestData data = new TestData(spec, size, seed);
        int n = spec.maxNodes();
        float[] p = networks.probabilities(data.observations, data.masks, size);
        Random random = new Random(seed);
        int[] actions = new int[size];
        float[] logProbs = new float[size];
        float[] advantages = new float[size];
        float[] returns = new float[size];
        float[] critic = new float[size * spec.criticInputs()];
        for (int b = 0; b < size; b++) {
            int a = 0;
            double u = random.nextDouble();
            double cumulative = 0;
            for (int t = 0; t < n; t++) {
                if (data.masks[b * n + t] > 0) {
                    a = t;
                    cumulative += p[b * n + t];
                    if (u < cumulative) {
                        break;
                    }
                }
            }
            actions[b] = a;
            logProbs[b] = (float) Math.log(p[b * n + a]);
            advantages[b] = (float) (3 * random.nextGaussian());
            returns[b] = (float) random.nextGaussian();
            for (int c = 0; c < spec.criticInputs(); c++) {
                critic[b * spec.criticInputs() + c] = (float) random.nextGaussian();
            }
        }
        return new RolloutBatch(size, data.observations, data.masks, critic, actions, logProbs, advantages, returns);
    }
}
