package org.ledrl.experiment.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ledrl.api.model.FailureReason;
import org.ledrl.metrics.HistogramBin;
import org.ledrl.metrics.Statistics;
import org.ledrl.metrics.Summary;

/** Folds the runs of an experiment into one {@link Aggregate} per scenario and policy. */
final class Aggregator {

    private Aggregator() {
    }

    /** One aggregate per scenario and policy, scenarios outer, both in the order given. */
    static List<Aggregate> aggregate(List<RunRow> rows, List<String> scenarios, List<String> policies) {
        List<Aggregate> aggregates = new ArrayList<>();
        for (String scenario : scenarios) {
            for (String policy : policies) {
                List<RunRow> runs = rows.stream()
                        .filter(r -> r.scenario().equals(scenario) && r.policy().equals(policy)).toList();
                aggregates.add(aggregate(scenario, policy, runs));
            }
        }
        return aggregates;
    }

    static Aggregate aggregate(String scenario, String policy, List<RunRow> runs) {
        List<RunRow> ok = runs.stream().filter(RunRow::ok).toList();
        double[] successRates = ok.stream().mapToDouble(r -> r.total().successRate()).filter(v -> !Double.isNaN(v))
                .toArray();
        double[] decisionMeans = ok.stream().mapToDouble(r -> r.total().decisionMeanUs())
                .filter(v -> !Double.isNaN(v)).toArray();
        double[] decisionMedians = ok.stream().mapToDouble(r -> r.total().decisionP50Us())
                .filter(v -> !Double.isNaN(v)).toArray();
        double decisionP99 = ok.stream().mapToDouble(r -> r.total().decisionP99Us()).filter(v -> !Double.isNaN(v))
                .average().orElse(Double.NaN);
        long tasks = 0;
        Map<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);
        for (RunRow run : ok) {
            tasks += run.total().tasks();
            run.total().failures().forEach((reason, count) -> failures.merge(reason, count, Long::sum));
        }
        return new Aggregate(scenario, policy, runs.size(), runs.size() - ok.size(),
                Statistics.meanWithConfidence(successRates), Statistics.meanWithConfidence(decisionMeans),
                Statistics.meanWithConfidence(decisionMedians), decisionP99, tasks, failures, episodeCurve(ok), mergeLatency(ok));
    }

    /**
     * Each policy's success rate minus the reference policy's, paired by seed (same scenario, same
     * seed: same topology, arrivals and failures), as mean and 95% CI over the seeds both finished.
     * Pairing removes the spread between topologies, so a real gap shows even when the two
     * policies' own intervals overlap. Empty when the reference is not among the policies.
     */
    static List<Comparison> compare(List<RunRow> rows, List<String> scenarios, List<String> policies,
                                    String reference) {
        List<Comparison> comparisons = new ArrayList<>();
        if (!policies.contains(reference)) {
            return comparisons;
        }
        for (String scenario : scenarios) {
            Map<Long, Double> referenceRates = new TreeMap<>();
            rows.stream().filter(r -> r.ok() && r.scenario().equals(scenario) && r.policy().equals(reference))
                    .forEach(r -> referenceRates.put(r.seed(), r.total().successRate()));
            for (String policy : policies) {
                if (policy.equals(reference)) {
                    continue;
                }
                double[] differences = rows.stream()
                        .filter(r -> r.ok() && r.scenario().equals(scenario) && r.policy().equals(policy)
                                && referenceRates.containsKey(r.seed()))
                        .mapToDouble(r -> r.total().successRate() - referenceRates.get(r.seed()))
                        .filter(v -> !Double.isNaN(v)).toArray();
                comparisons.add(new Comparison(scenario, policy, reference,
                        Statistics.meanWithConfidence(differences)));
            }
        }
        return comparisons;
    }

    /** Mean success rate per episode over the runs; runs may differ in length (a run cut short). */
    private static List<Double> episodeCurve(List<RunRow> runs) {
        int episodes = runs.stream().mapToInt(r -> r.episodes().size()).max().orElse(0);
        List<Double> curve = new ArrayList<>(episodes);
        for (int e = 0; e < episodes; e++) {
            int index = e;
            curve.add(runs.stream().filter(r -> r.episodes().size() > index)
                    .map(r -> r.episodes().get(index)).mapToDouble(Summary::successRate)
                    .filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN));
        }
        return curve;
    }

    /** Sums the runs' latency histograms bin by bin (they share bin edges: one histogram layout). */
    private static List<HistogramBin> mergeLatency(List<RunRow> runs) {
        Map<Double, HistogramBin> byLower = new TreeMap<>();
        for (RunRow run : runs) {
            for (HistogramBin bin : run.latency()) {
                byLower.merge(bin.lower(), bin, (a, b) -> new HistogramBin(a.lower(), Math.max(a.upper(), b.upper()),
                        a.count() + b.count()));
            }
        }
        return List.copyOf(byLower.values());
    }
}
