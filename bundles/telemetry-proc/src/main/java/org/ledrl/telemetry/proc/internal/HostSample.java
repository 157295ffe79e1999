package org.ledrl.telemetry.proc.internal;

/**
 * One reading of the host.
 *
 * @param cpu          cumulative CPU counters (load needs two readings)
 * @param runQueue     runnable tasks besides the reader
 * @param memoryLoad   memory in use, in [0,1]
 * @param temperatureC hottest plausible thermal zone, NaN when there is none
 */
record HostSample(CpuTimes cpu, int runQueue, double memoryLoad, double temperatureC) {
}
