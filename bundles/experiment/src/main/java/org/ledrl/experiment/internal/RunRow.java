package org.ledrl.experiment.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.FailureReason;
import org.ledrl.metrics.HistogramBin;
import org.ledrl.metrics.Summary;
import org.ledrl.sim.RunResult;
import org.ledrl.sim.Scenario;

/**
 * One run of an experiment: the simulator's {@link RunResult} of a policy on a scenario with one
 * seed, or the error that ended the run. A failed run carries an empty result (no tasks, NaN
 * metrics: the null object), never null.
 *
 * @param result what the run measured
 * @param error  why the run failed; empty when it did not
 */
record RunRow(RunResult result, String error) {

    static RunRow ok(RunResult result) {
        return new RunRow(result, "");
    }

    static RunRow failed(Scenario scenario, String policy, long seed, String error) {
        return new RunRow(new RunResult(scenario.withSeed(seed), policy, seed, scenario.topology().nodes(),
                emptySummary(), List.of(), List.of(), List.of()), error);
    }

    boolean ok() {
        return error.isEmpty();
    }

    String scenario() {
        return result.scenario().name();
    }

    String policy() {
        return result.policy();
    }

    long seed() {
        return result.seed();
    }

    Summary total() {
        return result.total();
    }

    List<Summary> episodes() {
        return result.episodes();
    }

    List<HistogramBin> latency() {
        return result.latencyHistogram();
    }

    /**
     * The row as results.json writes it: who ran and how it ended, then every field of the
     * simulator's RunResult, the scenario by name (the document lists each scenario once).
     */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scenario", scenario());
        fields.put("policy", policy());
        fields.put("seed", seed());
        fields.put("status", ok() ? "ok" : "failed");
        fields.put("error", error);
        Map<String, Object> result = ResultsWriter.valueMap(this.result);
        result.remove("scenario");
        result.remove("policy");
        result.remove("seed");
        fields.putAll(result);
        return fields;
    }

    private static Summary emptySummary() {
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
