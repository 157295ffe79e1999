package org.ledrl.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.ledrl.api.model.FailureReason;

/**
 * A snapshot of the live sliding window. Values with nothing to measure are NaN.
 *
 * @param capacity       outcomes the window keeps at most
 * @param tasks          outcomes in the window
 * @param successRate    their success rate
 * @param failures       count per failure reason in the window (reasons seen only)
 * @param latencyMeanS   mean latency in the window, seconds
 * @param latencyP95S    95th percentile latency in the window, seconds
 * @param decisionP50Us  median decision time over the window's decisions, microseconds
 * @param decisionP99Us  99th percentile decision time, microseconds
 * @param totalTasks     outcomes seen since start
 * @param lastOutcomeMillis environment time of the newest outcome, or -1
 */
public record LiveWindow(int capacity, int tasks, double successRate, Map<FailureReason, Integer> failures,
                         double latencyMeanS, double latencyP95S, double decisionP50Us, double decisionP99Us,
                         long totalTasks, long lastOutcomeMillis) {

    public LiveWindow {
        EnumMap<FailureReason, Integer> ordered = new EnumMap<>(FailureReason.class);
        ordered.putAll(failures);
        failures = Collections.unmodifiableMap(ordered);
    }
}
