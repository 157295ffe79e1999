package org.ledrl.experiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ledrl.policy.mappo.CurvePoint;

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
        String text = ResultTable.comparisonText(comparisons, scenarios, "random");
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
                ResultTable.of(aggregates, scenarios, policies),
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
        assertEquals(List.of("convergence.png"), Charts.learning(training, Map.of(), aggregates, List.of(), policies,
                Optional.empty()).stream().map(Charts.Image::fileName).toList(), "no validation, no second chart");

        Map<String, List<CurvePoint>> validation = Map.of("ratc", List.of(new CurvePoint(0, 0.25),
                new CurvePoint(10, 0.5), new CurvePoint(20, 0.75)));
        List<Charts.Image> charts = Charts.learning(training, validation, aggregates, List.of(), policies,
                Optional.empty());
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

    @Test
    void scenarioNamesBecomeSafeFileNames() {
        assertEquals("paper-10", Charts.slug("paper-10"));
        assertEquals("my-scenario-v2", Charts.slug("My Scenario/v2"));
        assertEquals("scenario", Charts.slug("///"));
    }
}
