package org.ledrl.experiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ledrl.policy.mappo.CurvePoint;
import org.ledrl.sim.Headroom;

class ReportTest {

    private final List<String> scenarios = List.of("paper-10", "paper-20");
    private final List<String> policies = List.of("ratc", "random", "broken");
    private final List<RunRow> rows = List.of(
            Rows.run("paper-10", "ratc", 1, 1.2, 0.6, 0.7), Rows.run("paper-10", "ratc", 2, 1.4, 0.7, 0.8),
            Rows.run("paper-20", "ratc", 1, 2.5, 0.8, 0.8), Rows.run("paper-20", "ratc", 2, 2.7, 0.7, 0.9),
            Rows.run("paper-10", "random", 1, 0.3, 0.2, 0.3), Rows.run("paper-10", "random", 2, 0.3, 0.3, 0.2),
            Rows.run("paper-20", "random", 1, 0.3, 0.3, 0.3), Rows.run("paper-20", "random", 2, 0.3, 0.2, 0.2),
            Rows.failed("paper-10", "broken", 1, "IllegalStateException: <boom> & more"),
            Rows.failed("paper-20", "broken", 1, "IllegalStateException: <boom> & more"));
    private final List<Aggregate> aggregates = Aggregator.aggregate(rows, scenarios, policies);

    @Test
    void theTableShowsSuccessWithItsIntervalAndTheDecisionTimeRange() {
        ResultTable table = ResultTable.of(aggregates, scenarios, policies);
        String text = table.toText();
        String[] lines = text.split("\n");
        assertEquals(2 + policies.size(), lines.length, text);
        assertTrue(lines[0].startsWith("policy") && lines[0].contains("paper-10") && lines[0].contains("paper-20"));
        // ratc on paper-10: 0.65 and 0.75 over two seeds; half-width t(1) * sd / sqrt(2) = 12.7062 * 0.0707 / 1.414
        assertTrue(lines[2].startsWith("ratc"), lines[2]);
        assertTrue(lines[2].contains("70.0% ± 63.5"), lines[2]);
        assertTrue(lines[2].contains("80.0% ± 0.0"), lines[2]);
        assertTrue(lines[2].contains("1.3 µs - 2.6 µs"), lines[2]);
        assertTrue(lines[4].contains("n/a") && lines[4].contains("2 of 2 runs failed"), lines[4]);
    }

    @Test
    void theHeadroomIsARowOfTheReportAndALinePerScenarioWithTheGapToTheBestPolicy() {
        // paper-10: 0.9 and 0.8 over the seeds; paper-20: measured for no seed
        Headrooms headrooms = new Headrooms(Map.of("paper-10", new TreeMap<>(Map.of(
                1L, Headroom.of(List.of(new Headroom.Episode(100, 90))),
                2L, Headroom.of(List.of(new Headroom.Episode(100, 80)))))));
        ResultTable table = ResultTable.of(aggregates, scenarios, policies);
        assertEquals(List.of("headroom: at most 85.0% on paper-10 (tasks that could succeed somewhere; best ratc "
                + "70.0%, 15.0 points below)", "headroom: at most n/a on paper-20 (tasks that could succeed "
                + "somewhere)"), headrooms.lines(table));
        assertTrue(table.headroom().isEmpty(), "no row unless asked for");
        ResultTable withRow = table.withHeadroom(headrooms);
        assertEquals(List.of("≤ 85.0% ± 63.5", "n/a"), withRow.headroom());
        assertEquals(table.toText(), withRow.toText(), "the terminal prints lines instead");
        String html = HtmlReport.render(List.of(), withRow, Optional.empty(), List.of(), List.of(), List.of(),
                List.of());
        assertTrue(html.contains("<tr class=\"headroom\"><td>headroom</td><td class=\"num\">≤ 85.0% ± 63.5</td>"
                + "<td class=\"num\">n/a</td><td></td><td>at most this: tasks that could succeed somewhere</td></tr>"),
                html);
        assertTrue(html.contains("The last row, <em>headroom</em>, bounds every policy's success rate"));
        assertFalse(HtmlReport.render(List.of(), table, Optional.empty(), List.of(), List.of(), List.of(), List.of())
                .contains("<tr class=\"headroom\">"), "no headroom measured, none shown");
    }

    @Test
    void pairedDifferencesCompareTheSameSeeds() {
        List<Comparison> comparisons = Aggregator.compare(rows, scenarios, policies, "random");
        assertEquals(List.of("paper-10/ratc", "paper-10/broken", "paper-20/ratc", "paper-20/broken"),
                comparisons.stream().map(c -> c.scenario() + "/" + c.policy()).toList());
        Comparison ratc10 = comparisons.get(0);
        // seed 1: 0.65 - 0.25 = 0.40; seed 2: 0.75 - 0.25 = 0.50; no spread between topologies left
        assertEquals(0.45, ratc10.difference().mean(), 1e-12);
        assertEquals(12.7062 * Math.sqrt(0.005) / Math.sqrt(2), ratc10.difference().halfWidth(), 1e-9);
        assertEquals(0, comparisons.get(1).difference().n(), "a policy whose runs all failed has nothing to pair");
        Comparison ratc20 = comparisons.get(2);
        // seed 1: 0.80 - 0.30; seed 2: 0.80 - 0.20
        assertEquals(0.55, ratc20.difference().mean(), 1e-12);
        assertTrue(ratc20.clearlyBetter() == ratc20.difference().lower() > 0);
        String text = ResultTable.of(aggregates, scenarios, policies).comparisonText(comparisons, "random");
        assertTrue(text.startsWith("vs random"), text);
        assertTrue(text.contains("+45.0 ± 63.5"), text);
        assertTrue(Aggregator.compare(rows, scenarios, policies, "absent").isEmpty());
    }

    @Test
    void durationsReadInTheirUnit() {
        assertEquals("450 ns", ResultTable.duration(0.45));
        assertEquals("3.2 µs", ResultTable.duration(3.21));
        assertEquals("120 µs", ResultTable.duration(120));
        assertEquals("1.80 ms", ResultTable.duration(1800));
        assertEquals("700.00 ms", ResultTable.duration(0.7e6));
        assertEquals("2.50 s", ResultTable.duration(2.5e6));
    }

    @Test
    void chartsArePngImagesOfTheDeclaredSize() throws Exception {
        List<Charts.Image> charts = Charts.render(aggregates, Aggregator.compare(rows, scenarios, policies, "random"),
                scenarios, policies, 2);
        assertEquals(2 + 3 * scenarios.size(), charts.size());
        assertEquals(List.of("success-rate.png", "gain-vs-random.png", "failures-paper-10.png", "episodes-paper-10.png",
                "latency-paper-10.png", "failures-paper-20.png", "episodes-paper-20.png", "latency-paper-20.png"),
                charts.stream().map(Charts.Image::fileName).toList());
        for (Charts.Image chart : charts) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
            assertEquals(960, image.getWidth(), chart.fileName());
            assertEquals(540, image.getHeight(), chart.fileName());
            assertFalse(chart.title().isBlank());
        }
    }

    @Test
    void theHtmlReportIsSelfContained() throws Exception {
        List<Charts.Image> charts = Charts.render(aggregates, List.of(), scenarios, policies, 2);
        String html = HtmlReport.render(List.<String[]>of(new String[] {"seeds", "1, 2"}),
                ResultTable.of(aggregates, scenarios, policies), Optional.empty(), List.of(),
                Aggregator.compare(rows, scenarios, policies, "random"), rows.stream().filter(r -> !r.ok()).toList(),
                charts);
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("(src|href)=\"(?!data:)", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "every source is inline");
        assertFalse(html.contains("@import") || html.contains("url("), "no external styles or fonts");
        Matcher images = Pattern.compile("src=\"data:image/png;base64,").matcher(html);
        int count = 0;
        while (images.find()) {
            count++;
        }
        assertEquals(charts.size(), count);
        assertTrue(html.contains("IllegalStateException: &lt;boom&gt; &amp; more"), "errors are escaped");
        assertTrue(html.contains("<td class=\"num best\">70.0% ± 63.5</td>"), "the best rate is marked");
        assertTrue(html.contains("<th>vs random</th>"), "the paired comparison is shown");
    }

    @Test
    void aValidationCurveGetsItsOwnConvergenceChart() throws Exception {
        Map<String, List<CurvePoint>> training = Map.of("ratc", List.of(new CurvePoint(1, 0.5),
                new CurvePoint(2, 0.6)));
        assertEquals(List.of("convergence.png"), Charts.learning(training, Map.of(), policies).stream()
                .map(Charts.Image::fileName).toList(), "no validation, no second chart");

        Map<String, List<CurvePoint>> validation = Map.of("ratc", List.of(new CurvePoint(0, 0.25),
                new CurvePoint(10, 0.5), new CurvePoint(20, 0.75)));
        List<Charts.Image> charts = Charts.learning(training, validation, policies);
        assertEquals(List.of("convergence.png", "convergence-validation.png"),
                charts.stream().map(Charts.Image::fileName).toList());
        Charts.Image chart = charts.get(1);
        assertEquals("Convergence: success rate on fixed validation episodes during training", chart.title());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
        assertEquals(960, image.getWidth());
        assertEquals(540, image.getHeight());

        XYChart drawn = Charts.validation(validation, policies);
        XYSeries series = drawn.getSeriesMap().get("ratc");
        assertEquals(List.of(0.0, 10.0, 20.0), Arrays.stream(series.getXData()).boxed().toList());
        assertEquals(List.of(25.0, 50.0, 75.0), Arrays.stream(series.getYData()).boxed().toList());
        assertEquals(SeriesMarkers.CIRCLE, series.getMarker(), "a marker per validation");
    }

    /** The paper's robustness study in small: two sweeps of three rates, ratc losing less than random as they rise. */
    private final List<SweepPoint> sweep = List.of(
            new SweepPoint("robustness-execution", "failures.executionRate", "0"),
            new SweepPoint("robustness-execution", "failures.executionRate", "0.1"),
            new SweepPoint("robustness-execution", "failures.executionRate", "0.25"),
            new SweepPoint("robustness-transmission", "failures.transmissionRate", "0"),
            new SweepPoint("robustness-transmission", "failures.transmissionRate", "0.1"),
            new SweepPoint("robustness-transmission", "failures.transmissionRate", "0.25"));
    private final List<String> swept = sweep.stream().map(SweepPoint::scenarioName).toList();

    private List<RunRow> sweepRows() {
        List<RunRow> runs = new ArrayList<>();
        for (int i = 0; i < sweep.size(); i++) {
            double rate = sweep.get(i).x();
            for (long seed = 1; seed <= 2; seed++) {
                runs.add(Rows.run(swept.get(i), "ratc", seed, 1.0, 0.8 - rate));
                runs.add(Rows.run(swept.get(i), "random", seed, 0.3, 0.4 - rate));
                runs.add(Rows.failed(swept.get(i), "broken", seed, "IllegalStateException: boom"));
            }
        }
        return runs;
    }

    @Test
    void aSweepGetsOneRobustnessChartPerBaseAndKeyWithEachPolicyInItsColour() throws Exception {
        List<Aggregate> swept = Aggregator.aggregate(sweepRows(), this.swept, policies);
        List<Charts.Image> charts = Charts.robustness(swept, sweep, policies);
        assertEquals(List.of("robustness-execution.png", "robustness-transmission.png"),
                charts.stream().map(Charts.Image::fileName).toList());
        assertEquals("Robustness, robustness-transmission: success rate against failures.transmissionRate",
                charts.get(1).title());

        XYChart execution = Charts.robustnessChart(sweep.subList(0, 3), swept, policies);
        XYSeries ratc = execution.getSeriesMap().get("ratc");
        assertEquals(List.of(0.0, 0.1, 0.25), Arrays.stream(ratc.getXData()).boxed().toList());
        List<Double> rates = Arrays.stream(ratc.getYData()).boxed().toList();
        assertEquals(3, rates.size());
        assertEquals(80.0, rates.get(0), 1e-9);
        assertEquals(70.0, rates.get(1), 1e-9);
        assertEquals(55.0, rates.get(2), 1e-9);
        assertFalse(execution.getSeriesMap().containsKey("broken"), "a policy whose runs all failed has no line");
        XYChart brokenFirst = Charts.robustnessChart(sweep.subList(0, 3), swept, List.of("broken", "ratc", "random"));
        assertEquals(new Color(0xD55E00), brokenFirst.getSeriesMap().get("ratc").getLineColor(),
                "the second policy keeps the palette's second colour, as in every other chart, though the first "
                        + "has no line");

        List<SweepPoint> twoKeys = List.of(sweep.get(0), new SweepPoint("robustness-execution",
                "failures.linkRate", "0"));
        List<Aggregate> twice = Aggregator.aggregate(List.of(Rows.run(twoKeys.get(0).scenarioName(), "ratc", 1, 1.0,
                0.5), Rows.run(twoKeys.get(1).scenarioName(), "ratc", 1, 1.0, 0.5)),
                twoKeys.stream().map(SweepPoint::scenarioName).toList(), List.of("ratc"));
        assertEquals(List.of("robustness-execution-failures.executionrate.png",
                "robustness-execution-failures.linkrate.png"), Charts.robustness(twice, twoKeys,
                List.of("ratc")).stream().map(Charts.Image::fileName).toList(), "one base, two keys: two files");
    }

    @Test
    void theRobustnessTableHasAColumnPerRateAndItsChartsBesideIt() throws Exception {
        List<RunRow> runs = new ArrayList<>(rows);
        runs.addAll(sweepRows());
        List<String> all = new ArrayList<>(scenarios);
        all.addAll(swept);
        List<Aggregate> every = Aggregator.aggregate(runs, all, policies);
        ResultTable robustness = ResultTable.robustness(every, sweep, policies);
        String[] lines = robustness.toText().split("\n");
        assertTrue(lines[0].matches("policy +executionRate=0 +executionRate=0\\.1 +executionRate=0\\.25 +"
                + "transmissionRate=0 +transmissionRate=0\\.1 +transmissionRate=0\\.25"), lines[0]);
        assertTrue(lines[2].matches("ratc +80\\.0% ± 0\\.0 +70\\.0% ± 0\\.0 +55\\.0% ± 0\\.0 +80\\.0% ± 0\\.0 +"
                + "70\\.0% ± 0\\.0 +55\\.0% ± 0\\.0"), lines[2]);
        assertTrue(lines[4].matches("broken( +n/a){6}   \\(12 of 12 runs failed\\)"), lines[4]);
        String differences = robustness.comparisonText(Aggregator.compare(runs, all, policies, "random"), "random");
        assertTrue(differences.split("\n")[2].matches("ratc +\\+40\\.0 ± 0\\.0( +\\+40\\.0 ± 0\\.0){5}"),
                differences);

        List<Charts.Image> robustnessCharts = Charts.robustness(every, sweep, policies);
        List<Charts.Image> charts = Charts.render(every, List.of(), scenarios, policies, 2);
        String html = HtmlReport.render(List.of(), ResultTable.of(every, scenarios, policies),
                Optional.of(robustness), robustnessCharts, Aggregator.compare(runs, all, policies, "random"),
                List.of(), charts);
        int title = html.indexOf("<h2>Robustness: success rate against failure rate</h2>");
        int table = html.indexOf("<th title=\"robustness-execution failures.executionRate=0.1\">"
                + "executionRate=<wbr>0.1</th>");
        int execution = html.indexOf("<figure id=\"robustness-execution.png\">");
        int transmission = html.indexOf("<figure id=\"robustness-transmission.png\">");
        int pairs = html.indexOf("<h2>Paired differences</h2>");
        assertTrue(title > html.indexOf("<table class=\"results\">") && title < table && table < execution
                && execution < transmission && transmission < pairs, "the Table-I table, then the robustness table "
                + "with its charts, then the paired differences");
        assertEquals(2, html.split("<th>vs random</th>", -1).length - 1, "paired differences split the same way");
        assertEquals(1, html.split("<th>decision time</th>", -1).length - 1, "decision times are in Table I only");
    }

    @Test
    void scenarioNamesBecomeSafeFileNames() {
        assertEquals("paper-10", Charts.slug("paper-10"));
        assertEquals("my-scenario-v2", Charts.slug("My Scenario/v2"));
        assertEquals("scenario", Charts.slug("///"));
    }
}
