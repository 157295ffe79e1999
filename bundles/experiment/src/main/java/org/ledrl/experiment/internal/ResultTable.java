package org.ledrl.experiment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ledrl.metrics.Statistics.Interval;

/**
 * The experiment's headline table, laid out like Table I of the paper: one row per policy, the mean
 * success rate (with its 95% CI) per scenario, and the decision time (the range over the scenarios
 * of the median time per decision, averaged over the runs). The terminal and the HTML report both render it from here.
 * The robustness study gets a table of its own, of success rates only, and the paired differences are laid out in a
 * table's columns.
 */
final class ResultTable {

    /** The title of the robustness study's table, in the terminal and in the report. */
    static final String ROBUSTNESS_TITLE = "Robustness: success rate against failure rate";

    /** One row: the policy, a success cell per scenario, the decision-time cell and a note on failed runs. */
    record Row(String policy, List<String> success, List<Double> successMeans, String decisionTime, String note) {
    }

    private final List<String> scenarios;
    private final List<String> headings;
    private final List<Row> rows;
    private final boolean decisionTimes;
    private final List<String> headroom;

    private ResultTable(List<String> scenarios, List<String> headings, List<Row> rows, boolean decisionTimes,
                        List<String> headroom) {
        this.scenarios = scenarios;
        this.headings = headings;
        this.rows = rows;
        this.decisionTimes = decisionTimes;
        this.headroom = headroom;
    }

    /** The Table-I layout: a column per scenario, headed by its name, and the decision time. */
    static ResultTable of(List<Aggregate> aggregates, List<String> scenarios, List<String> policies) {
        return of(aggregates, scenarios, scenarios, policies, true);
    }

    /**
     * The robustness study's table: a column per sweep point, headed by its short label, and no decision time (a
     * failure rate does not change how long a policy takes to decide, and Table I has it).
     */
    static ResultTable robustness(List<Aggregate> aggregates, List<SweepPoint> points, List<String> policies) {
        return of(aggregates, points.stream().map(SweepPoint::scenarioName).toList(),
                points.stream().map(SweepPoint::label).toList(), policies, false);
    }

    private static ResultTable of(List<Aggregate> aggregates, List<String> scenarios, List<String> headings,
                                  List<String> policies, boolean decisionTimes) {
        List<Row> rows = new ArrayList<>();
        for (String policy : policies) {
            List<String> success = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            double fastest = Double.POSITIVE_INFINITY;
            double slowest = Double.NEGATIVE_INFINITY;
            int failed = 0;
            int runs = 0;
            for (String scenario : scenarios) {
                Aggregate a = aggregates.stream()
                        .filter(x -> x.scenario().equals(scenario) && x.policy().equals(policy)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no results for " + policy + " on " + scenario));
                success.add(percent(a.successRate()));
                means.add(a.successRate().mean());
                double decision = a.decisionP50Us().mean();
                if (!Double.isNaN(decision)) {
                    fastest = Math.min(fastest, decision);
                    slowest = Math.max(slowest, decision);
                }
                failed += a.failedRuns();
                runs += a.runs();
            }
            String decisionTime = fastest > slowest ? "n/a"
                    : fastest == slowest || duration(fastest).equals(duration(slowest)) ? duration(fastest)
                    : durationRange(fastest, slowest);
            rows.add(new Row(policy, success, means, decisionTime,
                    failed == 0 ? "" : failed + " of " + runs + " runs failed"));
        }
        return new ResultTable(List.copyOf(scenarios), List.copyOf(headings), List.copyOf(rows), decisionTimes,
                List.of());
    }

    /** The same table with {@code notes} (by policy) beside the rows, after any note they had. */
    ResultTable withNotes(Map<String, String> notes) {
        List<Row> noted = new ArrayList<>();
        for (Row row : rows) {
            String note = notes.getOrDefault(row.policy(), "");
            noted.add(note.isEmpty() ? row : new Row(row.policy(), row.success(), row.successMeans(),
                    row.decisionTime(), row.note().isEmpty() ? note : row.note() + "; " + note));
        }
        return new ResultTable(scenarios, headings, List.copyOf(noted), decisionTimes, headroom);
    }

    /** The same table with a last row of each column's headroom, the bound on every policy's success rate. */
    ResultTable withHeadroom(Headrooms headrooms) {
        return new ResultTable(scenarios, headings, rows, decisionTimes,
                scenarios.stream().map(headrooms::cell).toList());
    }

    List<String> scenarios() {
        return scenarios;
    }

    List<String> headings() {
        return headings;
    }

    List<Row> rows() {
        return rows;
    }

    /** The headroom row's cells, one per column; empty when the table has none. */
    List<String> headroom() {
        return headroom;
    }

    /** Whether the table has the decision-time column. */
    boolean decisionTimes() {
        return decisionTimes;
    }

    /** Plain text with aligned columns, for the terminal. */
    String toText() {
        List<String> header = new ArrayList<>();
        header.add("policy");
        header.addAll(headings);
        if (decisionTimes) {
            header.add("decision time");
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        for (Row row : rows) {
            List<String> line = new ArrayList<>();
            line.add(row.policy());
            line.addAll(row.success());
            if (decisionTimes) {
                line.add(row.decisionTime());
            }
            if (!row.note().isEmpty()) {
                line.set(line.size() - 1, line.get(line.size() - 1) + "   (" + row.note() + ")");
            }
            lines.add(line);
        }
        return align(lines);
    }

    /**
     * The paired differences against one reference policy as text: one row per other policy, in percentage points,
     * in this table's columns.
     */
    String comparisonText(List<Comparison> comparisons, String reference) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("vs " + reference);
        header.addAll(headings);
        lines.add(header);
        for (String policy : comparisons.stream().filter(c -> c.reference().equals(reference))
                .map(Comparison::policy).distinct().toList()) {
            List<String> line = new ArrayList<>();
            line.add(policy);
            for (String scenario : scenarios) {
                line.add(comparisons.stream().filter(c -> c.reference().equals(reference)
                        && c.policy().equals(policy) && c.scenario().equals(scenario)).findFirst()
                        .map(c -> points(c.difference())).orElse("n/a"));
            }
            lines.add(line);
        }
        return align(lines);
    }

    /** {@code +9.1 ± 2.0} percentage points, or {@code n/a}. */
    static String points(Interval difference) {
        if (Double.isNaN(difference.mean())) {
            return "n/a";
        }
        String mean = String.format(Locale.ROOT, "%+.1f", 100 * difference.mean());
        return Double.isNaN(difference.halfWidth()) ? mean
                : mean + String.format(Locale.ROOT, " ± %.1f", 100 * difference.halfWidth());
    }

    private static String align(List<List<String>> lines) {
        List<String> header = lines.get(0);
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int l = 0; l < lines.size(); l++) {
            List<String> line = lines.get(l);
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                boolean last = i == line.size() - 1;
                text.append(last ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            text.append('\n');
            if (l == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                text.append("-".repeat(total - 2)).append('\n');
            }
        }
        return text.toString();
    }

    /** {@code 45.5% ± 1.2}, or {@code 45.5%} from a single run, or {@code n/a} without any. */
    static String percent(Interval interval) {
        if (Double.isNaN(interval.mean())) {
            return "n/a";
        }
        String mean = String.format(Locale.ROOT, "%.1f%%", 100 * interval.mean());
        return Double.isNaN(interval.halfWidth()) ? mean
                : mean + String.format(Locale.ROOT, " ± %.1f", 100 * interval.halfWidth());
    }

    /** A duration given in microseconds, in the unit that reads best. */
    static String duration(double micros) {
        if (Double.isNaN(micros)) {
            return "n/a";
        }
        if (micros < 1) {
            return String.format(Locale.ROOT, "%.0f ns", micros * 1e3);
        }
        if (micros < 1000) {
            return String.format(Locale.ROOT, micros < 10 ? "%.1f µs" : "%.0f µs", micros);
        }
        if (micros < 1e6) {
            return String.format(Locale.ROOT, "%.2f ms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
    }

    private static String durationRange(double fastest, double slowest) {
        return duration(fastest) + " - " + duration(slowest);
    }
}
