package org.ledrl.api.model;

import java.util.List;

/**
 * What one agent (node) sees when a task arrives: the task and its neighbourhood as candidates
 * (the agent's own node first, then neighbours, then further nodes where multi-hop is allowed).
 * This is the local, partial view of the Dec-POMDP; the global state is the environment's.
 *
 * @param agent                the deciding node
 * @param timeMillis           now, on the environment's clock
 * @param task                 the task to place
 * @param candidates           where it may go; index 0 is the agent itself
 * @param reliabilityThreshold the reliability a task needs to count as a success
 */
public record Observation(int agent, long timeMillis, Task task, List<Candidate> candidates,
                          double reliabilityThreshold) {

    public Observation {
        candidates = List.copyOf(candidates);
    }

    /** The agent's own node. */
    public Candidate self() {
        return candidates.get(0);
    }

    /** Index of {@code node} in {@link #candidates()}, or -1. */
    public int indexOf(int node) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).node() == node) {
                return i;
            }
        }
        return -1;
    }
}
