package org.ledrl.ml.internal;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.NetworkSpec;

/**
 * The trainer scores many episodes' agents in one batch; a decision must not depend on which others share its
 * batch: batched and one-by-one actor outputs agree within 1e-6, for plain and alignment actors.
 */
class BatchingPropertiesTest {

    private static final NetworkSpec PLAIN = new NetworkSpec(8, 6, 8, 32, 5, 0.0);
    private static final NetworkSpec ALIGNED = new NetworkSpec(8, 10, 8, 32, 5, 0.0, 5);

    @Property(tries = 25)
    void batchedAndUnbatchedProbabilitiesAgree(@ForAll @IntRange(min = 1, max = 48) int batch,
                                               @ForAll @IntRange(min = 0, max = 1000) int seed,
                                               @ForAll boolean aligned) {
        NetworkSpec spec = aligned ? ALIGNED : PLAIN;
        TestData data = new TestData(spec, batch, seed);
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(spec, seed)) {
            float[] together = networks.probabilities(data.observations, data.masks, batch);
            int n = spec.maxNodes();
            int obs = spec.observationSize();
            for (int b = 0; b < batch; b++) {
                float[] alone = networks.probabilities(Arrays.copyOfRange(data.observations, b * obs, (b + 1) * obs),
                        Arrays.copyOfRange(data.masks, b * n, (b + 1) * n), 1);
                for (int t = 0; t < n; t++) {
                    float difference = Math.abs(alone[t] - together[b * n + t]);
                    if (difference > 1e-6f) {
                        throw new AssertionError("row " + b + " token " + t + " of a batch of " + batch + ": "
                                + alone[t] + " alone, " + together[b * n + t] + " batched");
                    }
                }
            }
        }
    }
}
