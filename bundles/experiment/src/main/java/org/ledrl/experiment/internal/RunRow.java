package org.ledrl.experiment.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.FailureReason;
import org.ledrl.metrics.HistogramBin;
import org.ledrl.metrics.Summary;

/**
 * One run of an experiment: a policy on a scenario with one seed, and what it measured, or the
 * error that ended it. A failed run carries an empty summary (the null object), never null.
 *
 * @param scenario scenario name
 * @param policy   policy name
 * @param seed     the run's seed
 * @param total    the run's metrics
 * @param episodes one summary per episode
 * @param latency  the run's task latency distribution, seconds
 * @param error    why the run failed; empty when it did not
 */
record RunRow(String scenario, String policy, long seed, Summary total, List<Summary> episodes,
              List<HistogramBin> latency, String error) {

    RunRow {
        episodes = List.copyOf(episodes);
        latency = List.copyOf(latency);
    }

    static RunRow failed(String scenario, String policy, long seed, String error) {
        return new RunRow(scenario, policy, seed, emptySummary(), List.of(), List.of(), error);
    }

    boolean ok() {
        return error.isEmpty();
    }

    /** The row as results.json and results.csv write it: who ran, how it ended, then the run's metrics. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scenario", scenario);
        fields.put("policy", policy);
        fields.put("seed", seed);
        fields.put("status", ok() ? "ok" : "failed");
        fields.put("error", error);
        fields.put("episodes", episodes.size());
        fields.putAll(ResultsWriter.valueMap(total));
        return fields;
    }

    static Summary emptySummary() {
        Map<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);
        for (FailureReason reason : FailureReason.values()) {
            if (!reason.isSuccess()) {
                failures.put(reason, 0L);
            }
        }
        return new Summary(0, 0, Double.NaN, failures, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
    }
}
