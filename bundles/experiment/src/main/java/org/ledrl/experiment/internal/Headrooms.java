package org.ledrl.experiment.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ledrl.metrics.Statistics;
import org.ledrl.metrics.Statistics.Interval;
import org.ledrl.sim.Headroom;
import org.ledrl.sim.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The headroom of each scenario of an experiment: the share of tasks that could have succeeded somewhere
 * ({@link Headroom}), an upper bound on every policy's success rate. It does not depend on the policy, so it is
 * measured once per scenario and seed, beside the runs; per scenario it is the mean over the seeds with its 95% CI,
 * like a policy's success rate, and no policy's mean can exceed it. A headroom that could not be measured is left
 * out (NaN), with the error logged; it costs no run.
 */
final class Headrooms {

    private static final Logger LOG = LoggerFactory.getLogger(Headrooms.class);

    /** Per scenario name, per seed, in the experiment's order. */
    private final Map<String, Map<Long, Headroom>> measured;

    Headrooms(Map<String, Map<Long, Headroom>> measured) {
        this.measured = measured;
    }

    /** Measures every scenario for every seed on {@code threads} threads; {@code episodes} 0: each scenario's own. */
    static Headrooms measure(List<Scenario> scenarios, List<Long> seeds, int episodes, int threads)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread thread = new Thread(r, "headroom");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Map<Long, Future<Headroom>>> futures = new LinkedHashMap<>();
            for (Scenario scenario : scenarios) {
                int count = episodes > 0 ? episodes : scenario.episodes();
                Map<Long, Future<Headroom>> bySeed = new LinkedHashMap<>();
                for (long seed : seeds) {
                    bySeed.put(seed, pool.submit(() -> Headroom.measure(scenario, seed, count)));
                }
                futures.put(scenario.name(), bySeed);
            }
            Map<String, Map<Long, Headroom>> measured = new LinkedHashMap<>();
            for (var scenario : futures.entrySet()) {
                Map<Long, Headroom> bySeed = new LinkedHashMap<>();
                for (var seed : scenario.getValue().entrySet()) {
                    try {
                        bySeed.put(seed.getKey(), seed.getValue().get());
                    } catch (ExecutionException e) {
                        LOG.error("The headroom of {} seed {} could not be measured", scenario.getKey(),
                                seed.getKey(), e.getCause());
                    }
                }
                measured.put(scenario.getKey(), bySeed);
            }
            return new Headrooms(measured);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The mean over the seeds of the per-run bound, with its 95% CI; NaN where none was measured. */
    Interval rate(String scenario) {
        return Statistics.meanWithConfidence(measured.getOrDefault(scenario, Map.of()).values().stream()
                .mapToDouble(Headroom::rate).filter(v -> !Double.isNaN(v)).toArray());
    }

    /** The cell of the report's headroom row: {@code ≤ 93.4% ± 1.2}, or {@code n/a}. */
    String cell(String scenario) {
        String rate = ResultTable.percent(rate(scenario));
        return rate.equals("n/a") ? rate : "≤ " + rate;
    }

    /**
     * One line per column of {@code table}: {@code headroom: at most 93.4% on paper-10-random (...)}, with the best
     * policy's rate and how far below it is.
     */
    List<String> lines(ResultTable table) {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < table.scenarios().size(); s++) {
            Interval rate = rate(table.scenarios().get(s));
            String best = "";
            double bestMean = Double.NaN;
            for (ResultTable.Row row : table.rows()) {
                double mean = row.successMeans().get(s);
                if (!Double.isNaN(mean) && (Double.isNaN(bestMean) || mean > bestMean)) {
                    best = row.policy();
                    bestMean = mean;
                }
            }
            String below = best.isEmpty() || Double.isNaN(rate.mean()) ? "" : String.format(Locale.ROOT,
                    "; best %s %.1f%%, %.1f points below", best, 100 * bestMean, 100 * (rate.mean() - bestMean));
            lines.add(String.format(Locale.ROOT, "headroom: at most %s on %s (tasks that could succeed somewhere%s)",
                    Double.isNaN(rate.mean()) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * rate.mean()),
                    table.scenarios().get(s), below));
        }
        return lines;
    }

    /** Per scenario: the mean rate with its CI, the task counts, and each seed's bound; for results.json. */
    Map<String, Object> json() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (var scenario : measured.entrySet()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("rate", ResultsWriter.interval(rate(scenario.getKey())));
            fields.put("tasks", scenario.getValue().values().stream().mapToLong(Headroom::tasks).sum());
            fields.put("feasibleTasks", scenario.getValue().values().stream().mapToLong(Headroom::feasible).sum());
            List<Map<String, Object>> seeds = new ArrayList<>();
            for (var seed : scenario.getValue().entrySet()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("seed", seed.getKey());
                one.putAll(runFields(scenario.getKey(), seed.getKey()));
                seeds.add(one);
            }
            fields.put("seeds", seeds);
            all.put(scenario.getKey(), fields);
        }
        return all;
    }

    /** The bound of one run's scenario and seed, for its row in results.json and results.csv; nulls when unknown. */
    Map<String, Object> runFields(String scenario, long seed) {
        Headroom headroom = measured.getOrDefault(scenario, Map.of()).get(seed);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("rate", headroom == null ? null : ResultsWriter.finite(headroom.rate()));
        fields.put("tasks", headroom == null ? null : headroom.tasks());
        fields.put("feasibleTasks", headroom == null ? null : headroom.feasible());
        return fields;
    }
}
