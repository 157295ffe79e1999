package org.ledrl.experiment.internal;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The experiment report as one self-contained HTML page: the Table-I-style table, the robustness
 * table with its charts when the robustness study ran, the paired differences, the failed runs
 * with their errors, and the charts inlined as base64 PNG, with inline CSS only. It opens from disk
 * with no network: no scripts, fonts or images are fetched.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * @param settings         the experiment's settings, as label and value pairs, shown at the top
     * @param robustness       the robustness study's table, if it ran
     * @param robustnessCharts the robustness study's charts, shown beside its table
     * @param failed           the runs that ended with an error
     * @param charts           every other chart
     */
    static String render(List<String[]> settings, ResultTable table, Optional<ResultTable> robustness,
                         List<Charts.Image> robustnessCharts, List<Comparison> comparisons, List<RunRow> failed,
                         List<Charts.Image> charts) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>LeDRL Edge experiment report</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.4}\n")
                .append("table{border-collapse:collapse;margin:1em 0}\n")
                .append("th,td{border:1px solid #ccc;padding:.35em .8em;text-align:left}\n")
                .append("th{background:#f2f2f2}\n")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("td.best{font-weight:bold}\n")
                .append("tr.headroom td{font-style:italic;border-top:2px solid #999}\n")
                .append("table.wide th,table.wide td{padding:.3em .45em;font-size:.9em}\n")
                .append("figure{margin:1.5em 0}\nfigure img{max-width:100%;border:1px solid #ddd}\n")
                .append("figcaption{color:#555;font-size:.9em}\n.error{color:#a00;font-family:monospace}\n")
                .append("</style>\n</head>\n<body>\n<h1>LeDRL Edge experiment report</h1>\n");

        html.append("<table class=\"settings\">\n");
        for (String[] setting : settings) {
            html.append("<tr><th>").append(escape(setting[0])).append("</th><td>").append(escape(setting[1]))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");

        html.append("<h2>Success rate and decision time</h2>\n")
                .append("<p>Mean task success rate over the seeds with its 95% confidence interval (Student's t), ")
                .append("and the median time one decision takes (range over the scenarios; a policy that ")
                .append("places a whole slot at once is charged the slot's time divided by its tasks), as in Table I ")
                .append("of the paper. A task succeeds when it ends within its deadline with reliability at least the ")
                .append("threshold. The best rate per scenario is in bold.</p>\n");
        if (!table.headroom().isEmpty()) {
            html.append("<p>The last row, <em>headroom</em>, bounds every policy's success rate from above: the share ")
                    .append("of tasks that could have succeeded on some node even with an empty queue there, given ")
                    .append("the failures that actually happened (node, path and reliability at arrival, transfer and ")
                    .append("compute within the deadline, no failure of what the task needs meanwhile, no execution ")
                    .append("or transfer failure drawn for it). It is the same for every policy on a seed; the gap ")
                    .append("between the best policy and it is what placement could still gain.</p>\n");
        }
        results(html, table);
        Base64.Encoder base64 = Base64.getEncoder();
        if (robustness.isPresent()) {
            html.append("<h2>").append(escape(ResultTable.ROBUSTNESS_TITLE)).append("</h2>\n")
                    .append("<p>The paper's robustness study: success rates as above, on a scenario run once per ")
                    .append("failure rate. Each column is headed by the rate it sets (the scenario's full name shows ")
                    .append("on hovering); the charts draw each sweep with a line per policy.</p>\n");
            results(html, robustness.get());
            figures(html, robustnessCharts, base64);
        }

        List<String> references = comparisons.stream().map(Comparison::reference).distinct().toList();
        if (!references.isEmpty()) {
            html.append("<h2>Paired differences</h2>\n<p>Each policy's success rate minus the reference policy's, ")
                    .append("in percentage points, paired by seed (the same seed gives every policy the same ")
                    .append("topology, arrivals and failures), with the 95% confidence interval over the seeds. ")
                    .append("Pairing removes the spread between topologies; a difference whose interval lies ")
                    .append("wholly above zero is in bold.</p>\n");
            for (String reference : references) {
                differences(html, comparisons, reference, table);
                if (robustness.isPresent()) {
                    differences(html, comparisons, reference, robustness.get());
                }
            }
        }

        if (!failed.isEmpty()) {
            html.append("<h2>Failed runs</h2>\n<p>These runs ended with an error and count in no statistic.</p>\n")
                    .append("<table class=\"failed\">\n<tr><th>scenario</th><th>policy</th><th>seed</th>")
                    .append("<th>error</th></tr>\n");
            for (RunRow run : failed) {
                html.append("<tr><td>").append(escape(run.scenario())).append("</td><td>")
                        .append(escape(run.policy())).append("</td><td class=\"num\">").append(run.seed())
                        .append("</td><td class=\"error\">").append(escape(run.error())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }

        html.append("<h2>Charts</h2>\n<p>The same charts are written beside this report as PNG files.</p>\n");
        figures(html, charts, base64);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** A success-rate table: a row per policy, the best rate per column in bold, and a note on failed runs. */
    private static void results(StringBuilder html, ResultTable table) {
        html.append("<table class=\"results").append(wide(table)).append("\">\n<tr><th>policy</th>");
        headings(html, table);
        html.append(table.decisionTimes() ? "<th>decision time</th>" : "").append("<th>note</th></tr>\n");
        double[] best = bestPerScenario(table);
        for (ResultTable.Row row : table.rows()) {
            html.append("<tr><td>").append(escape(row.policy())).append("</td>");
            for (int s = 0; s < row.success().size(); s++) {
                boolean isBest = row.successMeans().get(s) == best[s];
                html.append("<td class=\"num").append(isBest ? " best" : "").append("\">")
                        .append(escape(row.success().get(s))).append("</td>");
            }
            if (table.decisionTimes()) {
                html.append("<td class=\"num\">").append(escape(row.decisionTime())).append("</td>");
            }
            html.append("<td>").append(escape(row.note())).append("</td></tr>\n");
        }
        if (!table.headroom().isEmpty()) {
            html.append("<tr class=\"headroom\"><td>headroom</td>");
            for (String cell : table.headroom()) {
                html.append("<td class=\"num\">").append(escape(cell)).append("</td>");
            }
            html.append(table.decisionTimes() ? "<td></td>" : "")
                    .append("<td>at most this: tasks that could succeed somewhere</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** The paired differences against one reference, in the columns of {@code table}. */
    private static void differences(StringBuilder html, List<Comparison> comparisons, String reference,
                                    ResultTable table) {
        html.append("<table class=\"comparison").append(wide(table)).append("\">\n<tr><th>vs ")
                .append(escape(reference)).append("</th>");
        headings(html, table);
        html.append("</tr>\n");
        for (String policy : comparisons.stream().filter(c -> c.reference().equals(reference))
                .map(Comparison::policy).distinct().toList()) {
            html.append("<tr><td>").append(escape(policy)).append("</td>");
            for (String scenario : table.scenarios()) {
                html.append(comparisons.stream().filter(c -> c.reference().equals(reference)
                        && c.policy().equals(policy) && c.scenario().equals(scenario)).findFirst()
                        .map(c -> "<td class=\"num" + (c.clearlyBetter() ? " best" : "") + "\">"
                                + escape(ResultTable.points(c.difference())) + "</td>")
                        .orElse("<td class=\"num\">n/a</td>"));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** Tables of more columns than the paper's four scenarios are set tighter, so that they fit the page. */
    private static String wide(ResultTable table) {
        return table.scenarios().size() > 4 ? " wide" : "";
    }

    /**
     * A table's column headings, each with its full scenario name as a tooltip where the heading is shorter. A
     * heading may break after its {@code =}, so that a row of sweep points fits the page.
     */
    private static void headings(StringBuilder html, ResultTable table) {
        for (int s = 0; s < table.scenarios().size(); s++) {
            String scenario = table.scenarios().get(s);
            String heading = table.headings().get(s);
            html.append(heading.equals(scenario) ? "<th>" : "<th title=\"" + escape(scenario) + "\">")
                    .append(escape(heading).replace("=", "=<wbr>")).append("</th>");
        }
    }

    private static void figures(StringBuilder html, List<Charts.Image> charts, Base64.Encoder base64) {
        for (Charts.Image chart : charts) {
            html.append("<figure id=\"").append(escape(chart.fileName())).append("\"><img alt=\"")
                    .append(escape(chart.title())).append("\" src=\"data:image/png;base64,")
                    .append(base64.encodeToString(chart.png())).append("\"><figcaption>")
                    .append(escape(chart.title())).append(" (").append(escape(chart.fileName()))
                    .append(")</figcaption></figure>\n");
        }
    }

    private static double[] bestPerScenario(ResultTable table) {
        double[] best = new double[table.scenarios().size()];
        Arrays.fill(best, Double.NaN);
        for (ResultTable.Row row : table.rows()) {
            for (int s = 0; s < best.length; s++) {
                double mean = row.successMeans().get(s);
                if (!Double.isNaN(mean) && (Double.isNaN(best[s]) || mean > best[s])) {
                    best[s] = mean;
                }
            }
        }
        return best;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
