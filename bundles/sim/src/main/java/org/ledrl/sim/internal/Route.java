package org.ledrl.sim.internal;

import java.util.Arrays;

/**
 * The path from a task's origin to one candidate, as the headroom reads it: the links in order, the nodes they join
 * (the origin first, the candidate last), and each link's rate range and latency. The simulator sends a task hop by
 * hop, each hop taking {@code size / rate + latency} at the link's rate of the dispatch slot, which lies in the
 * range; so the range bounds each hop's time from both sides.
 *
 * @param links       the links, from the origin
 * @param nodes       the nodes, {@code links.length + 1} of them
 * @param minRateMBps each link's lowest rate
 * @param maxRateMBps each link's highest rate
 * @param latencyS    each link's latency
 */
public record Route(int[] links, int[] nodes, double[] minRateMBps, double[] maxRateMBps, double[] latencyS) {

    public Route {
        if (nodes.length != links.length + 1 || minRateMBps.length != links.length
                || maxRateMBps.length != links.length || latencyS.length != links.length) {
            throw new IllegalArgumentException("a route of " + links.length + " links needs " + (links.length + 1)
                    + " nodes and a rate range and latency per link, not " + nodes.length + " nodes, "
                    + minRateMBps.length + " and " + maxRateMBps.length + " rates and " + latencyS.length
                    + " latencies");
        }
        for (int k = 0; k < links.length; k++) {
            if (!(minRateMBps[k] > 0 && maxRateMBps[k] >= minRateMBps[k]) || !(latencyS[k] >= 0)) {
                throw new IllegalArgumentException("link " + links[k] + " needs 0 < min rate <= max rate and a "
                        + "latency >= 0, not " + minRateMBps[k] + ", " + maxRateMBps[k] + ", " + latencyS[k]);
            }
        }
    }

    /** The route of the agent's own node: no links. */
    public static Route self(int node) {
        return new Route(new int[0], new int[] {node}, new double[0], new double[0], new double[0]);
    }

    /** The route to every candidate of every origin, in the order of the simulator's observations. */
    public static Route[][] all(Network net) {
        Route[][] routes = new Route[net.nodes][];
        for (int origin = 0; origin < net.nodes; origin++) {
            int first = net.candStart[origin];
            routes[origin] = new Route[net.candStart[origin + 1] - first];
            for (int c = first; c < net.candStart[origin + 1]; c++) {
                int hops = net.pathStart[c + 1] - net.pathStart[c];
                int[] links = Arrays.copyOfRange(net.pathLink, net.pathStart[c], net.pathStart[c + 1]);
                int[] nodes = new int[hops + 1];
                double[] min = new double[hops];
                double[] max = new double[hops];
                double[] latency = new double[hops];
                nodes[0] = origin;
                for (int k = 0; k < hops; k++) {
                    int l = links[k];
                    nodes[k + 1] = net.other(l, nodes[k]);
                    min[k] = net.minRate[l];
                    max[k] = net.maxRate[l];
                    latency[k] = net.latencyS[l];
                }
                routes[origin][c - first] = new Route(links, nodes, min, max, latency);
            }
        }
        return routes;
    }

    public int hops() {
        return links.length;
    }

    /** The candidate's node. */
    public int target() {
        return nodes[links.length];
    }

    /** The least time hop {@code k} takes for {@code sizeMB}: at the link's highest rate. */
    public double fastestHop(int k, double sizeMB) {
        return sizeMB / maxRateMBps[k] + latencyS[k];
    }

    /** The most time hop {@code k} takes for {@code sizeMB}: at the link's lowest rate. */
    public double slowestHop(int k, double sizeMB) {
        return sizeMB / minRateMBps[k] + latencyS[k];
    }
}
