package org.ledrl.policy.mappo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ledrl.policy.mappo.internal.Fixtures.candidate;
import static org.ledrl.policy.mappo.internal.Fixtures.observation;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.policy.mappo.ObservationEncoder;

class ObservationEncoderTest {

    private final ObservationEncoder encoder = new ObservationEncoder(5);
    private final int f = encoder.features();

    /** The alignment actor reads the preference and the avoid flag at fixed places among the prior features. */
    @Test
    void priorLayoutMatchesWhatTheAlignmentActorReadsAsItsResidualBias() {
        assertEquals(NetworkSpec.PRIOR_PREFERENCE, ObservationEncoder.PRIOR_FEATURES.indexOf("prior_preference"));
        assertEquals(NetworkSpec.PRIOR_AVOID, ObservationEncoder.PRIOR_FEATURES.indexOf("prior_avoid"));
        assertTrue(new NetworkSpec(5, ObservationEncoder.withPrior(5).features(), 8, 16, 10, 0,
                ObservationEncoder.PRIOR_FEATURES.size()).residualPrior());
    }

    @Test
    void padsMasksAndNormalises() {
        List<Candidate> candidates = List.of(candidate(3, 0, Health.UP, true, 1.0),
                candidate(4, 1, Health.DOWN, true, 0.0), candidate(7, 2, Health.UP, false, 0.0),
                candidate(8, 1, Health.UP, true, Double.NaN));
        float[] tokens = new float[2 * encoder.observationSize()];
        float[] masks = new float[2 * 5];
        java.util.Arrays.fill(tokens, 9f); // stale values must be overwritten
        java.util.Arrays.fill(masks, 9f);
        int count = encoder.encode(observation(candidates), tokens, masks, 1);
        assertEquals(4, count);
        int base = encoder.observationSize();
        assertEquals(List.of(1f, 0f, 0f, 1f, 0f), List.of(masks[5], masks[6], masks[7], masks[8], masks[9]));
        for (int t = 0; t < 4; t++) {
            assertEquals(1f, tokens[base + t * f], "present flag of token " + t);
        }
        for (int j = 0; j < f; j++) {
            assertEquals(0f, tokens[base + 4 * f + j], "padding token feature " + j);
        }
        assertEquals(1f, tokens[base + 1], "self flag");
        assertEquals(0f, tokens[base + f + 1], "neighbour is not self");
        // queue 1 s of a 4 s deadline; an unmeasured (NaN) queue counts as the cap
        assertEquals(0.25f, tokens[base + 7], 1e-6);
        assertEquals(4f, tokens[base + 3 * f + 7], 1e-6);
        assertEquals(0f, tokens[base + 3 * f + 4], "NaN latency never meets the deadline");
        for (float v : tokens) {
            assertTrue(v >= 0 && v <= 9f && Float.isFinite(v));
        }
        assertEquals(9f, tokens[0], "row 0 untouched");
    }

    @Test
    void candidatesBeyondMaxNodesAreLeftOut() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            candidates.add(candidate(i, Math.min(i, 3), Health.UP, true, 0.1));
        }
        float[] tokens = new float[encoder.observationSize()];
        float[] masks = new float[5];
        assertEquals(5, encoder.encode(observation(candidates), tokens, masks, 0));
        for (float m : masks) {
            assertEquals(1f, m);
        }
    }
}
