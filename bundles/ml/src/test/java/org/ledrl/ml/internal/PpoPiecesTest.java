package org.ledrl.ml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.PpoSettings;
import org.ledrl.ml.RolloutBatch;

/** PPO's pieces on hand-computed cases. */
class PpoPiecesTest {

    /**
     * eps 0.2: ratio 1.5 with A = 1 is capped at 1.2; ratio 0.5 with A = 1 keeps 0.5 (the pessimistic side); ratio
     * 1.5 with A = -1 keeps -1.5; ratio 0.5 with A = -1 is capped at -0.8; inside the band the plain ratio counts.
     */
    @Test
    void theClippedObjectiveTakesThePessimisticSide() {
        // the runtime starts PyTorch with its offline and cache settings; then the engine can be used directly
        TestData.RUNTIME.createActorCritic(new NetworkSpec(2, 2, 2, 2, 2, 0.0), 1).close();
        try (NDManager manager = Engine.getEngine(PyTorch.ENGINE).newBaseManager()) {
            float[] objective = PpoUpdate.clippedObjective(
                    manager.create(new float[] {1.5f, 0.5f, 1.5f, 0.5f, 1.1f}),
                    manager.create(new float[] {1f, 1f, -1f, -1f, 2f}), 0.2).toFloatArray();
            assertArrayEquals(new float[] {1.2f, 0.5f, -1.5f, -0.8f, 2.2f}, objective, 1e-6f);
        }
    }

    @Test
    void advantagesAreNormalisedOverTheBatch() {
        float[] normalised = PpoUpdate.normalised(new float[] {1f, 2f, 3f, 4f});
        double std = Math.sqrt(1.25);
        assertArrayEquals(new float[] {(float) (-1.5 / std), (float) (-0.5 / std), (float) (0.5 / std),
                (float) (1.5 / std)}, normalised, 1e-5f);
    }

    /** Several epochs over shuffled minibatches: epochs x ceil(size / minibatch) gradient steps. */
    @Test
    void anUpdateTakesAStepPerMinibatchOfEachEpoch() {
        NetworkSpec spec = new NetworkSpec(6, 4, 8, 16, 5, 0.0);
        int size = 100;
        TestData data = new TestData(spec, size, 5);
        float[] logProbs = new float[size];
        java.util.Arrays.fill(logProbs, (float) Math.log(1.0 / 6));
        RolloutBatch batch = new RolloutBatch(size, data.observations, data.masks, new float[size * 5], new int[size],
                logProbs, new float[size], new float[size]);
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(spec, 1)) {
            assertEquals(3 * 4, networks.update(batch, new PpoSettings(1e-4, 0.2, 3, 32, 0.5, 0.0, 0.5), 1).steps());
            assertEquals(2, networks.update(batch, new PpoSettings(1e-4, 0.2, 2, 100, 0.5, 0.0, 0.5), 1).steps());
        }
    }
}
