package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** GAE against hand-computed cases. */
class GaeTest {

    private static final float[] REWARDS = {1f, -1f, 1f};
    private static final float[] VALUES = {0.5f, 0.2f, -0.1f};
    private static final int[] TRAJECTORY = {0, 1, 2};

    @Test
    void withoutDiscountTheAdvantageIsRewardMinusValue() {
        float[] advantages = new float[3];
        float[] returns = new float[3];
        Gae.compute(TRAJECTORY, REWARDS, VALUES, 0.0, 0.95, true, advantages, returns);
        assertArrayEquals(new float[] {0.5f, -1.2f, 1.1f}, advantages, 1e-6f);
        assertArrayEquals(REWARDS, returns, 1e-6f);
    }

    /**
     * gamma 0.5, lambda 1, terminal end: deltas 1 + 0.5*0.2 - 0.5 = 0.6, -1 + 0.5*(-0.1) - 0.2 = -1.25,
     * 1 + 0 + 0.1 = 1.1; advantages from the back: 1.1, -1.25 + 0.5*1.1 = -0.7, 0.6 + 0.5*(-0.7) = 0.25.
     */
    @Test
    void aTerminalEndAddsNothingAfterTheLastDecision() {
        float[] advantages = new float[3];
        float[] returns = new float[3];
        Gae.compute(TRAJECTORY, REWARDS, VALUES, 0.5, 1.0, false, advantages, returns);
        assertArrayEquals(new float[] {0.25f, -0.7f, 1.1f}, advantages, 1e-6f);
        assertArrayEquals(new float[] {0.75f, -0.5f, 1.0f}, returns, 1e-6f);
    }

    /** A time limit bootstraps the last decision from its own value: delta = 1 + 0.5*(-0.1) + 0.1 = 1.05. */
    @Test
    void aTimeLimitBootstrapsFromTheLastValue() {
        float[] advantages = new float[3];
        float[] returns = new float[3];
        Gae.compute(TRAJECTORY, REWARDS, VALUES, 0.5, 1.0, true, advantages, returns);
        float last = 1.05f;
        float middle = -1.25f + 0.5f * last;
        assertArrayEquals(new float[] {0.6f + 0.5f * middle, middle, last}, advantages, 1e-6f);
    }

    /** lambda weighs the later deltas: lambda 0 leaves the one-step TD error. */
    @Test
    void lambdaZeroIsTheOneStepError() {
        float[] advantages = new float[3];
        float[] returns = new float[3];
        Gae.compute(TRAJECTORY, REWARDS, VALUES, 0.5, 0.0, false, advantages, returns);
        assertArrayEquals(new float[] {0.6f, -1.25f, 1.1f}, advantages, 1e-6f);
    }

    /** Positions not in the trajectory are another agent's and stay untouched. */
    @Test
    void onlyTheTrajectorysPositionsAreWritten() {
        float[] advantages = {9f, 9f, 9f};
        float[] returns = {9f, 9f, 9f};
        Gae.compute(new int[] {0, 2}, REWARDS, VALUES, 0.0, 0.95, false, advantages, returns);
        assertArrayEquals(new float[] {0.5f, 9f, 1.1f}, advantages, 1e-6f);
    }
}
