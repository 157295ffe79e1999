package org.ledrl.experiment.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ledrl.experiment.internal.ExperimentCommand.Convergence;
import org.ledrl.experiment.internal.ExperimentCommand.Extras;
import org.ledrl.sim.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the experiment wrote: the Table-I table of every scenario but the paper's robustness study, and that
 * study's table when it ran.
 */
record Report(ResultTable table, Optional<ResultTable> robustness, List<Comparison> comparisons, Path html,
              String chartError) {

    private static final Logger LOG = LoggerFactory.getLogger(Report.class);

    static final String JSON = "results.json";
    static final String CSV = "results.csv";
    static final String HTML = "report.html";

    /** Writes results first, then charts and the page: a chart that fails to draw costs no results. */
    static Report write(ExperimentPlan plan, List<RunRow> rows, List<String> references, double wallS,
                        Extras extras, Headrooms headrooms) throws IOException {
        List<Aggregate> aggregates = Aggregator.aggregate(rows, plan.scenarioNames(), plan.policyNames());
        List<String> tableScenarios = plan.tableScenarioNames();
        ResultTable table = ResultTable.of(aggregates, tableScenarios, plan.policyNames()).withHeadroom(headrooms)
                .withNotes(Twins.notes(rows, tableScenarios, plan.policies()));
        List<SweepPoint> robustnessPoints = plan.sweepPointsOf(plan.robustness());
        Optional<ResultTable> robustness = robustnessPoints.isEmpty() ? Optional.empty()
                : Optional.of(ResultTable.robustness(aggregates, robustnessPoints, plan.policyNames())
                        .withHeadroom(headrooms).withNotes(Twins.notes(rows, plan.robustness(), plan.policies())));
        List<Comparison> comparisons = new ArrayList<>();
        for (String reference : references) {
            comparisons.addAll(Aggregator.compare(rows, plan.scenarioNames(), plan.policyNames(), reference));
        }
        Files.createDirectories(plan.out());
        Map<String, Object> settings = settings(plan, wallS);
        settings.put("priorProviders", extras.priorSources());
        ResultsWriter.writeJson(plan.out().resolve(JSON), settings, rows, aggregates, comparisons, headrooms);
        ResultsWriter.writeCsv(plan.out().resolve(CSV), rows, headrooms);
        Path html = plan.out().resolve(HTML);
        try {
            List<Charts.Image> charts = new ArrayList<>(Charts.render(aggregates, comparisons, tableScenarios,
                    plan.policyNames(), plan.seeds().size()));
            charts.addAll(Charts.learning(extras.curves(), extras.validationCurves(), plan.policyNames()));
            charts.addAll(Charts.robustness(aggregates, plan.sweepPointsOf(tableScenarios), plan.policyNames()));
            List<Charts.Image> robustnessCharts = Charts.robustness(aggregates, robustnessPoints,
                    plan.policyNames());
            for (Charts.Image chart : Stream.concat(charts.stream(), robustnessCharts.stream()).toList()) {
                ResultsWriter.writeAtomically(plan.out().resolve(chart.fileName()), chart.png());
            }
            List<String[]> people = settingsForPeople(plan, rows, wallS);
            for (var source : extras.priorSources().entrySet()) {
                people.add(new String[] {"priors of " + source.getKey(), source.getValue()});
            }
            for (Convergence convergence : Convergence.of(extras)) {
                people.add(new String[] {"convergence of " + convergence.policy(), "after "
                        + convergence.episodes() + " training episodes (95% of its final " + convergence.basis()
                        + ")"});
            }
            String page = HtmlReport.render(people, table, robustness, robustnessCharts, comparisons,
                    rows.stream().filter(r -> !r.ok()).toList(), charts);
            ResultsWriter.writeAtomically(html, page.getBytes(StandardCharsets.UTF_8));
            return new Report(table, robustness, comparisons, html, "");
        } catch (IOException | RuntimeException | LinkageError e) {
            // e.g. no fonts on a bare gateway: the numbers are written, say what failed
            LOG.error("Drawing the experiment charts failed", e);
            return new Report(table, robustness, comparisons, html, ParallelRuns.describe(e));
        }
    }

    private static Map<String, Object> settings(ExperimentPlan plan, double wallS) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("scenarios", plan.scenarioNames());
        settings.put("scenarioFiles", plan.scenarioFiles().stream().map(Path::toString).toList());
        settings.put("overrides", plan.overrides());
        settings.put("sweeps", plan.sweepPoints());
        settings.put("robustnessScenarios", plan.robustness());
        settings.put("policies", plan.policyNames());
        settings.put("seeds", plan.seeds());
        settings.put("episodes", plan.episodes() == 0 ? "scenario" : plan.episodes());
        settings.put("wallTimeS", wallS);
        return settings;
    }

    private static List<String[]> settingsForPeople(ExperimentPlan plan, List<RunRow> rows, double wallS) {
        List<String[]> lines = new ArrayList<>();
        // a sweep's scenarios in one entry: its base scenario and the values it ran at
        Map<String, List<String>> scenarios = new LinkedHashMap<>();
        for (int i = 0; i < plan.scenarios().size(); i++) {
            var scenario = plan.scenarios().get(i);
            SweepPoint point = plan.sweepPoints().get(scenario.name());
            String description = (point == null ? scenario.name() : point.base()) + " ("
                    + plan.scenarioFiles().get(i).getFileName() + ", " + scenario.topology().nodes() + " nodes, "
                    + scenario.slots() + " slots per episode)";
            if (point == null) {
                scenarios.put(description, List.of());
            } else {
                scenarios.computeIfAbsent(description + " at " + point.key() + " = ", d -> new ArrayList<>())
                        .add(point.value());
            }
        }
        lines.add(new String[] {"scenarios", String.join("; ", scenarios.entrySet().stream()
                .map(entry -> entry.getKey() + String.join(", ", entry.getValue())).toList())});
        if (!plan.overrides().isEmpty()) {
            lines.add(new String[] {"overrides", String.join(" ", plan.overrides())});
        }
        lines.add(new String[] {"policies", String.join(", ", plan.policyNames())});
        lines.add(new String[] {"seeds", plan.seeds().size() + " (" + seedText(plan.seeds()) + ")"});
        boolean sameEpisodes = plan.scenarios().stream().map(Scenario::episodes).distinct().count() == 1;
        lines.add(new String[] {"episodes per run", plan.episodes() > 0 ? String.valueOf(plan.episodes())
                : sameEpisodes ? plan.scenarios().get(0).episodes() + " (each scenario's own)"
                : String.join(", ", plan.scenarios().stream().map(s -> s.name() + ": " + s.episodes()).toList())});
        long failed = rows.stream().filter(r -> !r.ok()).count();
        lines.add(new String[] {"runs", rows.size() + (failed == 0 ? "" : ", " + failed + " failed")
                + String.format(" in %.1f s", wallS)});
        return lines;
    }

    private static String seedText(List<Long> seeds) {
        boolean consecutive = true;
        for (int i = 1; i < seeds.size(); i++) {
            consecutive &= seeds.get(i) == seeds.get(i - 1) + 1;
        }
        return consecutive && seeds.size() > 2 ? seeds.get(0) + " to " + seeds.get(seeds.size() - 1)
                : String.join(", ", seeds.stream().map(String::valueOf).toList());
    }
}
