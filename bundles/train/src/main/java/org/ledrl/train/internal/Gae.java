package org.ledrl.train.internal;

/**
 * Generalised advantage estimation over one agent's decisions in time order (Schulman et al. 2016):
 * {@code delta_k = r_k + gamma V_(k+1) - V_k}, {@code A_k = delta_k + gamma lambda A_(k+1)}, return = {@code A + V}.
 * After the agent's last decision the episode ends: a terminal state (next value 0), or with {@code timeLimit} a
 * time limit, where the network goes on and the last value stands in for the one after it.
 */
final class Gae {

    private Gae() {
    }

    /**
     * Fills {@code advantages} and {@code returns} at the positions {@code trajectory} lists (one agent's decisions,
     * oldest first) from {@code rewards} and {@code values} at the same positions.
     */
    static void compute(int[] trajectory, float[] rewards, float[] values, double gamma, double lambda,
                        boolean timeLimit, float[] advantages, float[] returns) {
        double next = 0;
        double nextValue = 0;
        for (int k = trajectory.length - 1; k >= 0; k--) {
            int i = trajectory[k];
            if (k == trajectory.length - 1) {
                nextValue = timeLimit ? values[i] : 0;
            }
            double delta = rewards[i] + gamma * nextValue - values[i];
            next = delta + gamma * lambda * next;
            advantages[i] = (float) next;
            returns[i] = (float) (next + values[i]);
            nextValue = values[i];
        }
    }
}
