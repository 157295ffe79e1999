package org.ledrl.emulate.internal.gateway;

import org.ledrl.sim.ScenarioDraws;

/**
 * Task ids as the simulator gives them when every node is up: tasks numbered in order of slot, then node.
 * Every gateway counts the arrivals of every node itself, so ids agree across gateways without any
 * message, and match the simulator's (hence its draws of type, size and failures) as long as no node is down.
 * Counting is incremental: one pass over the nodes per slot.
 */
final class TaskIds {

    private final ScenarioDraws draws;
    private final long seed;
    private final int nodes;
    private int countedSlots; // arrivals of slots below this are in countBefore
    private long countBefore;

    TaskIds(ScenarioDraws draws, long seed) {
        this.draws = draws;
        this.seed = seed;
        this.nodes = draws.topology().size();
    }

    /** The id of the task arriving at {@code node} in {@code slot} (slots asked for in increasing order). */
    synchronized long id(int slot, int node) {
        if (slot < countedSlots) {
            countedSlots = 0;
            countBefore = 0;
        }
        for (; countedSlots < slot; countedSlots++) {
            for (int i = 0; i < nodes; i++) {
                if (draws.arrives(seed, countedSlots, i)) {
                    countBefore++;
                }
            }
        }
        long id = countBefore;
        for (int i = 0; i < node; i++) {
            if (draws.arrives(seed, slot, i)) {
                id++;
            }
        }
        return id;
    }
}
