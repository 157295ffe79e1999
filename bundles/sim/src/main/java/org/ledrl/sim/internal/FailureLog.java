package org.ledrl.sim.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.ledrl.api.model.EnvironmentEvent;

/**
 * The node and link failures of one episode, from the environment's events, for the headroom. Events carry their
 * time to the millisecond, so a failure counts in a window only where that rounding cannot have moved it in:
 * after the arrival's millisecond, and a millisecond before the window ends (half for the event's rounding, half for
 * the arrival's).
 * A link is named by its two ends; where two links join the same nodes, an event cannot say which failed, and it is
 * left out. Both choices can only keep a task feasible, never rule one out wrongly.
 */
public final class FailureLog implements Feasibility.Failures {

    /** Half a millisecond for the event time's rounding and half for the arrival time's. */
    private static final double ROUNDING_S = 0.001;

    private final long[][] nodeFailures;
    private final int[] nodeCount;
    private final long[][] linkFailures;
    private final int[] linkCount;
    /** Link id by its ends, {@code a * nodes + b} with {@code a < b}; -1 where several links join them. */
    private final Map<Long, Integer> linkByEnds = new HashMap<>();
    private final int nodes;

    public FailureLog(Network net) {
        nodes = net.nodes;
        nodeFailures = new long[nodes][4];
        nodeCount = new int[nodes];
        linkFailures = new long[net.links][4];
        linkCount = new int[net.links];
        for (int l = 0; l < net.links; l++) {
            linkByEnds.merge(key(net.linkA[l], net.linkB[l]), l, (first, second) -> -1);
        }
    }

    private long key(int a, int b) {
        return (long) Math.min(a, b) * nodes + Math.max(a, b);
    }

    /** Notes a failure event; recoveries and other events are ignored. */
    public void record(EnvironmentEvent event) {
        switch (event.type()) {
            case NODE_HARDWARE_FAILURE, NODE_SOFTWARE_FAILURE -> {
                if (event.node() >= 0 && event.node() < nodes) {
                    add(nodeFailures, nodeCount, event.node(), event.timeMillis());
                }
            }
            case LINK_FAILED -> {
                Integer link = linkByEnds.get(key(event.node(), event.peer()));
                if (link != null && link >= 0) {
                    add(linkFailures, linkCount, link, event.timeMillis());
                }
            }
            default -> {
                // recoveries: a window starts with the element up, and any failure in it counts
            }
        }
    }

    /** Forgets every failure, for the next episode. */
    public void clear() {
        Arrays.fill(nodeCount, 0);
        Arrays.fill(linkCount, 0);
    }

    @Override
    public boolean node(int node, long afterMillis, double beforeS) {
        return within(nodeFailures[node], nodeCount[node], afterMillis, beforeS);
    }

    @Override
    public boolean link(int link, long afterMillis, double beforeS) {
        return within(linkFailures[link], linkCount[link], afterMillis, beforeS);
    }

    private static boolean within(long[] times, int count, long afterMillis, double beforeS) {
        for (int i = 0; i < count; i++) {
            if (times[i] > afterMillis && times[i] / 1000.0 < beforeS - ROUNDING_S) {
                return true;
            }
        }
        return false;
    }

    private static void add(long[][] times, int[] counts, int element, long millis) {
        if (counts[element] == times[element].length) {
            times[element] = Arrays.copyOf(times[element], counts[element] * 2);
        }
        times[element][counts[element]++] = millis;
    }
}
