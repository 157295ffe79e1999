package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three reward forms on a tiny hand-built episode: slot 0 sends tasks a and b to node 5 and c to node 6; slot 1
 * sends d to node 5. Task a (compute 2 s of a 4 s deadline) ends at 2.5 s, b (1 s) at 3.5 s, c at 1 s, d at 3 s.
 */
class RewardsTest {

    private static final List<Rewards.Credited> EPISODE = List.of(
            new Rewards.Credited(0, 0, 5, 2.0, 4.0, 1.0, 2_500),
            new Rewards.Credited(0, 0, 5, 1.0, 4.0, -1.0, 3_500),
            new Rewards.Credited(0, 0, 6, 1.0, 4.0, 1.0, 1_000),
            new Rewards.Credited(1, 1_000, 5, 1.0, 4.0, 0.5, 3_000));

    @Test
    void individualIsEachTasksOwnReward() {
        assertArrayEquals(new float[] {1f, -1f, 1f, 0.5f}, Rewards.of(EPISODE, Rewards.Form.INDIVIDUAL, 1, 0.1),
                1e-6f);
    }

    /** Window 1: slot 0's mean (1 - 1 + 1) / 3 for its three; slot 1 alone. Window 2: all four share 1.5 / 4. */
    @Test
    void teamSharesTheMeanOfAWindowOfSlots() {
        float third = 1f / 3f;
        assertArrayEquals(new float[] {third, third, third, 0.5f}, Rewards.of(EPISODE, Rewards.Form.TEAM, 1, 0.1),
                1e-6f);
        assertArrayEquals(new float[] {0.375f, 0.375f, 0.375f, 0.375f},
                Rewards.of(EPISODE, Rewards.Form.TEAM, 2, 0.1), 1e-6f);
    }

    /**
     * Behind a at node 5: b (same slot, later) and d (decided at 1 s, before a ended at 2.5 s): 2 tasks, charge
     * 0.1 x 2/4 x 2 = 0.1. Behind b: d (1 s < 3.5 s): 0.1 x 1/4 x 1 = 0.025. Nothing behind c or d.
     */
    @Test
    void congestionChargesTheWaitingADecisionAddsBehindIt() {
        assertArrayEquals(new float[] {0.9f, -1.025f, 1f, 0.5f},
                Rewards.of(EPISODE, Rewards.Form.CONGESTION, 1, 0.1), 1e-6f);
    }
}
