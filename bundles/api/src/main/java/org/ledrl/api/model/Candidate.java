package org.ledrl.api.model;

/**
 * One node a task may be sent to, as seen from the deciding node: the node's status and the path
 * to it. The deciding node itself is a candidate with {@code hops == 0}.
 *
 * <p>The estimate methods are the system model of DESIGN.md in one place: latency is transfer
 * (store and forward, per hop {@code size/rate + latency}) plus queue wait plus compute;
 * reliability is {@code exp(-lambda t)} over the node's failure rate during execution and each
 * link's failure rate during its transfer.
 *
 * @param status          the node's status
 * @param nodeFailureRate hardware plus software failure rate of the node, per second
 * @param hops            links on the path (0 for the deciding node)
 * @param secondsPerMB    sum over the path's hops of {@code 1/rate}, seconds per megabyte
 * @param pathLatencyS    sum of the path's link latencies, seconds
 * @param pathFailureRate sum of the path's link failure rates, per second
 * @param pathUp          whether every link on the path is up
 */
public record Candidate(NodeStatus status, double nodeFailureRate, int hops, double secondsPerMB,
                        double pathLatencyS, double pathFailureRate, boolean pathUp) {

    public int node() {
        return status.node();
    }

    /** Whether a task can be sent there now: node up and path up. Policies must only pick available candidates. */
    public boolean available() {
        return pathUp && status.health().isUp();
    }

    public double transferSeconds(Task task) {
        return hops == 0 ? 0.0 : task.sizeMB() * secondsPerMB + pathLatencyS;
    }

    public double computeSeconds(Task task) {
        return task.cycles() / (status.cpuGHz() * 1e9);
    }

    /** Estimated latency from arrival to completion: transfer, queue wait, compute. */
    public double estimatedLatency(Task task) {
        return transferSeconds(task) + status.queueSeconds() + computeSeconds(task);
    }

    /** Estimated reliability, {@code exp(-(nodeRate*compute + pathRate*transfer))}. */
    public double estimatedReliability(Task task) {
        return Math.exp(-(nodeFailureRate * computeSeconds(task) + pathFailureRate * transferSeconds(task)));
    }
}
