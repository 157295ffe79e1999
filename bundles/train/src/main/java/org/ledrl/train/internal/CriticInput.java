package org.ledrl.train.internal;

/**
 * The centralised critic's input for one decision: a fixed-size summary of the environment's global state (mean
 * and maximum of each per-node value, mean of each per-link value: topologies differ in size from episode to
 * episode, the summary does not), the deciding node's own row of the global state, and the agent's encoded
 * observation. The global state is the simulator's {@code 5 * nodes + 2 * links} layout, values in [0,1].
 */
final class CriticInput {

    static final int NODE_VALUES = 5;
    static final int LINK_VALUES = 2;
    static final int SUMMARY = 2 * NODE_VALUES + LINK_VALUES + NODE_VALUES;

    private CriticInput() {
    }

    static int size(int observationSize) {
        return SUMMARY + observationSize;
    }

    /** Summary of {@code state} for a network of {@code nodes} nodes; the agent's row is filled by {@link #of}. */
    static float[] summary(float[] state, int nodes) {
        float[] summary = new float[2 * NODE_VALUES + LINK_VALUES];
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < NODE_VALUES; j++) {
                float v = state[i * NODE_VALUES + j];
                summary[j] += v / nodes;
                summary[NODE_VALUES + j] = Math.max(summary[NODE_VALUES + j], v);
            }
        }
        int links = (state.length - NODE_VALUES * nodes) / LINK_VALUES;
        for (int l = 0; l < links; l++) {
            for (int j = 0; j < LINK_VALUES; j++) {
                summary[2 * NODE_VALUES + j] += state[NODE_VALUES * nodes + l * LINK_VALUES + j] / links;
            }
        }
        return summary;
    }

    static float[] of(float[] summary, float[] state, int agent, float[] observations, int row, int observationSize) {
        float[] input = new float[size(observationSize)];
        System.arraycopy(summary, 0, input, 0, summary.length);
        System.arraycopy(state, agent * NODE_VALUES, input, summary.length, NODE_VALUES);
        System.arraycopy(observations, row * observationSize, input, SUMMARY, observationSize);
        return input;
    }
}
