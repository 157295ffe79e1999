package org.ledrl.telemetry.proc.internal;

/**
 * The cumulative CPU time counters of the {@code cpu} line of {@code /proc/stat}, in clock ticks.
 * Load is a ratio of differences between two readings.
 *
 * @param busy  ticks spent doing work (everything but idle and iowait)
 * @param total all ticks
 */
record CpuTimes(long busy, long total) {

    /** Utilisation in [0,1] between {@code earlier} and this reading; NaN when no time passed. */
    double loadSince(CpuTimes earlier) {
        long totalDelta = total - earlier.total;
        long busyDelta = busy - earlier.busy;
        if (totalDelta <= 0 || busyDelta < 0) {
            return Double.NaN;
        }
        return Math.min(1.0, (double) busyDelta / totalDelta);
    }
}
