package org.ledrl.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.ledrl.api.model.FailureReason;

/**
 * Metrics of one episode or of a whole run. Latency is arrival to end for every task, whatever its
 * outcome (a task abandoned at its deadline counts with its deadline). Values with nothing to
 * measure are NaN.
 *
 * @param tasks          tasks that ended
 * @param successes      tasks that succeeded
 * @param successRate    successes / tasks
 * @param failures       count per failure reason, every reason but NONE listed (zeros included)
 * @param latencyMeanS   mean task latency, seconds
 * @param latencyP50S    median task latency, seconds
 * @param latencyP95S    95th percentile task latency, seconds
 * @param latencyP99S    99th percentile task latency, seconds
 * @param decisions      decisions timed
 * @param decisionMeanUs mean decision time, microseconds
 * @param decisionP50Us  median decision time, microseconds
 * @param decisionP99Us  99th percentile decision time, microseconds
 * @param meanReward     mean reward per task
 * @param wallTimeS      wall-clock time spent, seconds
 * @param tasksPerSecond tasks simulated per wall-clock second
 */
public record Summary(long tasks, long successes, double successRate, Map<FailureReason, Long> failures,
                      double latencyMeanS, double latencyP50S, double latencyP95S, double latencyP99S,
                      long decisions, double decisionMeanUs, double decisionP50Us, double decisionP99Us,
                      double meanReward, double wallTimeS, double tasksPerSecond) {

    public Summary {
        // enum order, so that the same run always serialises the same way
        EnumMap<FailureReason, Long> ordered = new EnumMap<>(FailureReason.class);
        ordered.putAll(failures);
        failures = Collections.unmodifiableMap(ordered);
    }

    /** Tasks that failed for {@code reason}. */
    public long failures(FailureReason reason) {
        return failures.getOrDefault(reason, 0L);
    }
}
