package org.ledrl.experiment.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.FailureReason;
import org.ledrl.metrics.HistogramBin;
import org.ledrl.metrics.Summary;
import org.ledrl.sim.RunResult;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioException;
import org.ledrl.sim.Scenarios;

/** Hand-built run rows for the tests. */
final class Rows {

    private Rows() {
    }

    /** A scenario with every key at its default but the name. */
    static Scenario scenario(String name) {
        try {
            return Scenarios.parse("name: " + name, "test", List.of());
        } catch (ScenarioException e) {
            throw new IllegalStateException(e);
        }
    }

    static RunRow failed(String scenario, String policy, long seed, String error) {
        return RunRow.failed(scenario(scenario), policy, seed, error);
    }

    /** A run of 100 tasks per episode (median decision time {@code decisionUs}, mean three times that) with the given success rate per episode; failures are missed deadlines. */
    static RunRow run(String scenario, String policy, long seed, double decisionUs, double... episodeRates) {
        List<Summary> episodes = new ArrayList<>();
        long tasks = 0;
        long successes = 0;
        for (double rate : episodeRates) {
            long ok = Math.round(rate * 100);
            episodes.add(summary(100, ok, decisionUs));
            tasks += 100;
            successes += ok;
        }
        List<HistogramBin> latency = List.of(new HistogramBin(0.5, 1.0, successes), new HistogramBin(4.0, 8.0,
                tasks - successes));
        Scenario s = scenario(scenario).withSeed(seed);
        return RunRow.ok(new RunResult(s, policy, seed, s.topology().nodes(), summary(tasks, successes, decisionUs),
                episodes, List.of(), latency));
    }

    static Summary summary(long tasks, long successes, double decisionUs) {
        Map<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);
        for (FailureReason reason : FailureReason.values()) {
            if (!reason.isSuccess()) {
                failures.put(reason, 0L);
            }
        }
        failures.put(FailureReason.DEADLINE_MISSED, tasks - successes);
        return new Summary(tasks, successes, (double) successes / tasks, failures, 1.5, 1.2, 3.0, 4.0, tasks,
                3 * decisionUs, decisionUs, 2 * decisionUs, 0.1, 0.5, tasks / 0.5);
    }
}
