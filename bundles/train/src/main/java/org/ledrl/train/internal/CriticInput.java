package org.ledrl.train.internal;

/**
 * The centralised critic's input for one decision: a fixed-size summary of the environment's global state (mean
 * and maximum of each per-node value, mean of each per-link value: topologies differ in size from episode to
 * episode, the summary does not), the deciding node's own row of the global state, the context of the slot (the
 * share of the episode still to come and the tasks arriving this slot per node: what the returns depend on most and
 * the actor cannot see; zero when {@code criticContext} is off), and the agent's encoded observation. The global
 * state is the simulator's {@code 5 * nodes + 2 * links} layout, values in [0,1].
 */
final class CriticInput {

    static final int NODE_VALUES = 5;
    static final int LINK_VALUES = 2;
    static final int CONTEXT = 2;
    static final int SUMMARY = 2 * NODE_VALUES + LINK_VALUES + NODE_VALUES + CONTEXT;

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

    /**
     * The input of the decision encoded as row {@code row} of {@code observations}.
     *
     * @param timeLeft share of the episode's slots still to come, in [0,1]
     * @param arrivals tasks arriving this slot per node
     */
    static void write(float[] summary, float[] state, int agent, float timeLeft, float arrivals, float[] observations,
                      int row, int observationSize, float[] into, int intoRow) {
        int at = intoRow * size(observationSize);
        System.arraycopy(summary, 0, into, at, summary.length);
        System.arraycopy(state, agent * NODE_VALUES, into, at + summary.length, NODE_VALUES);
        into[at + summary.length + NODE_VALUES] = timeLeft;
        into[at + summary.length + NODE_VALUES + 1] = arrivals;
        System.arraycopy(observations, row * observationSize, into, at + SUMMARY, observationSize);
    }
}
