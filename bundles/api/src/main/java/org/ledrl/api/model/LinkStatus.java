package org.ledrl.api.model;

/**
 * Status of the undirected link between nodes {@code a} and {@code b} ({@code a < b}).
 *
 * @param rateMBps       current transfer rate in megabytes per second
 * @param latencyMs      propagation and protocol latency per transfer, in milliseconds
 * @param recentFailures failures observed on this link in the recent window
 */
public record LinkStatus(int a, int b, Health health, double rateMBps, double latencyMs, int recentFailures,
                         long timestampMillis) {

    public LinkStatus {
        if (a > b) {
            int t = a;
            a = b;
            b = t;
        }
    }

    public boolean connects(int x, int y) {
        return (a == x && b == y) || (a == y && b == x);
    }

    public int other(int node) {
        return node == a ? b : a;
    }
}
