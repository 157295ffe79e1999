package org.ledrl.api.model;

/**
 * Status of one node as an observer sees it at {@code timestampMillis}. Telemetry adapters, the
 * simulator and the live runtime produce it. Loads are fractions in [0,1]; a value a source
 * cannot measure is {@code NaN} (never 0, which would read as idle).
 *
 * @param node            node id
 * @param health          up, down, or unknown (stale telemetry)
 * @param cpuGHz          CPU frequency available to tasks
 * @param cpuLoad         CPU utilisation in [0,1]
 * @param queueLength     tasks waiting or running
 * @param queueSeconds    estimated seconds until a newly queued task starts
 * @param memoryLoad      memory in use, in [0,1]
 * @param gpuLoad         GPU utilisation in [0,1], NaN where there is none
 * @param temperatureC    hottest sensor in degrees Celsius, NaN where unknown
 * @param recentFailures  failures observed on this node in the recent window
 * @param timestampMillis when the status was measured, on the observer's clock
 */
public record NodeStatus(int node, Health health, double cpuGHz, double cpuLoad, int queueLength, double queueSeconds,
                         double memoryLoad, double gpuLoad, double temperatureC, int recentFailures,
                         long timestampMillis) {

    /** A node nothing is known about: the null object for missing telemetry. */
    public static NodeStatus unknown(int node, long timestampMillis) {
        return new NodeStatus(node, Health.UNKNOWN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0, timestampMillis);
    }

    /** The same status marked unknown, for data older than an adapter's staleness limit. */
    public NodeStatus stale() {
        return new NodeStatus(node, Health.UNKNOWN, cpuGHz, cpuLoad, queueLength, queueSeconds, memoryLoad, gpuLoad,
                temperatureC, recentFailures, timestampMillis);
    }
}
