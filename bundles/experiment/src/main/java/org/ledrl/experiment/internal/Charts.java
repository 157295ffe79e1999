package org.ledrl.experiment.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ledrl.api.model.FailureReason;
import org.ledrl.metrics.HistogramBin;
import org.ledrl.policy.mappo.CurvePoint;

/**
 * Draws the experiment's charts as PNG images with XChart, in headless AWT: success rate per policy
 * and scenario, and per scenario the failure reasons per policy, the success rate per episode and
 * the task latency distribution; the learned policies' convergence; success rate against a swept
 * value. A policy keeps its colour in every chart.
 */
final class Charts {

    /** One chart: its file name (also its anchor in the report), title and PNG bytes. */
    record Image(String fileName, String title, byte[] png) {
    }

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final float LINE_WIDTH = 2.5f;
    /** Colour-blind-safe (Okabe-Ito, then Tol) so that up to twelve policies stay distinguishable. */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442),
        new Color(0x882255), new Color(0x44AA99), new Color(0x999933), new Color(0x6699CC)};

    private Charts() {
    }

    static List<Image> render(List<Aggregate> aggregates, List<Comparison> comparisons, List<String> scenarios,
                              List<String> policies, int seeds) throws IOException {
        // No display on servers and gateways: AWT must never try to open one.
        System.setProperty("java.awt.headless", "true");
        List<Image> images = new ArrayList<>();
        images.add(png("success-rate.png", successRate(aggregates, scenarios, policies, seeds)));
        for (String reference : comparisons.stream().map(Comparison::reference).distinct().toList()) {
            images.add(png("gain-vs-" + slug(reference) + ".png", gain(comparisons, reference, scenarios, policies,
                    seeds)));
        }
        for (String scenario : scenarios) {
            List<Aggregate> ofScenario = aggregates.stream().filter(a -> a.scenario().equals(scenario)).toList();
            String slug = slug(scenario);
            images.add(png("failures-" + slug + ".png", failures(ofScenario, scenario)));
            images.add(png("episodes-" + slug + ".png", episodes(ofScenario, scenario, seeds)));
            images.add(png("latency-" + slug + ".png", latency(ofScenario, scenario)));
        }
        return images;
    }

    static CategoryChart successRate(List<Aggregate> aggregates, List<String> scenarios, List<String> policies,
                                     int seeds) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Task success rate per policy and scenario (mean of " + seeds + " seeds, 95% CI)")
                .xAxisTitle("Scenario").yAxisTitle("Success rate (%)").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setLabelsVisible(false);
        for (String policy : policies) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String scenario : scenarios) {
                Aggregate a = find(aggregates, scenario, policy);
                means.add(orZero(100 * a.successRate().mean()));
                errors.add(orZero(100 * a.successRate().halfWidth()));
            }
            chart.addSeries(policy, scenarios, means, errors);
        }
        return chart;
    }

    /** Each policy's success rate minus the reference's, paired by seed: the gaps the topologies do not blur. */
    static CategoryChart gain(List<Comparison> comparisons, String reference, List<String> scenarios,
                              List<String> policies, int seeds) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Success rate gain over " + reference + ", paired by seed (" + seeds + " seeds, 95% CI)")
                .xAxisTitle("Scenario").yAxisTitle("Difference in success rate (points)").build();
        style(chart.getStyler());
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        // same colour per policy as in the other charts, though the reference itself has no bar here
        List<Color> colours = new ArrayList<>();
        for (int p = 0; p < policies.size(); p++) {
            String policy = policies.get(p);
            if (policy.equals(reference)) {
                continue;
            }
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String scenario : scenarios) {
                Comparison c = comparisons.stream().filter(x -> x.reference().equals(reference)
                        && x.policy().equals(policy) && x.scenario().equals(scenario)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no comparison of " + policy + " on " + scenario));
                means.add(orZero(100 * c.difference().mean()));
                errors.add(orZero(100 * c.difference().halfWidth()));
            }
            chart.addSeries(policy, scenarios, means, errors);
            colours.add(PALETTE[p % PALETTE.length]);
        }
        chart.getStyler().setSeriesColors(colours.toArray(new Color[0]));
        return chart;
    }

    static CategoryChart failures(List<Aggregate> ofScenario, String scenario) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Failure reasons per policy, " + scenario)
                .xAxisTitle("Policy").yAxisTitle("Failed tasks (% of all tasks)").build();
        style(chart.getStyler());
        chart.getStyler().setStacked(true);
        chart.getStyler().setYAxisMin(0.0);
        List<String> policies = ofScenario.stream().map(Aggregate::policy).toList();
        Set<FailureReason> seen = EnumSet.noneOf(FailureReason.class);
        for (Aggregate a : ofScenario) {
            a.failures().forEach((reason, count) -> {
                if (count > 0) {
                    seen.add(reason);
                }
            });
        }
        if (seen.isEmpty()) {
            seen.add(FailureReason.DEADLINE_MISSED); // an empty chart still needs one series to draw its axes
        }
        for (FailureReason reason : seen) {
            List<Double> shares = ofScenario.stream()
                    .map(a -> a.tasks() == 0 ? 0.0 : 100.0 * a.failures(reason) / a.tasks()).toList();
            chart.addSeries(label(reason), policies, shares);
        }
        return chart;
    }

    static XYChart episodes(List<Aggregate> ofScenario, String scenario, int seeds) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Success rate per episode, " + scenario + " (mean of " + seeds + " seeds)")
                .xAxisTitle("Episode").yAxisTitle("Success rate (%)").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        chart.getStyler().setXAxisDecimalPattern("#0");
        for (Aggregate a : ofScenario) {
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int e = 0; e < a.episodeSuccessRate().size(); e++) {
                double rate = a.episodeSuccessRate().get(e);
                if (!Double.isNaN(rate)) {
                    x.add(e + 1);
                    y.add(100 * rate);
                }
            }
            if (x.isEmpty()) {
                continue; // every run of this policy failed: nothing to draw, the table says why
            }
            XYSeries series = chart.addSeries(a.policy(), x, y);
            series.setMarker(x.size() > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            series.setLineWidth(LINE_WIDTH);
        }
        return chart;
    }

    /**
     * The learning charts: convergence (success rate per training episode, per learned policy, from the training
     * curves shipped with the models; a 10-episode moving average) and convergence on the trainer's fixed validation
     * episodes for the policies whose curves have them (unsmoothed: each point is already a mean over those
     * episodes).
     */
    static List<Image> learning(Map<String, List<CurvePoint>> curves, Map<String, List<CurvePoint>> validationCurves,
                                List<String> policies) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Image> images = new ArrayList<>();
        if (!curves.isEmpty()) {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                    .title("Convergence: success rate per training episode (moving average of 10)")
                    .xAxisTitle("Training episode").yAxisTitle("Success rate (%)").build();
            style(chart.getStyler());
            chart.getStyler().setXAxisDecimalPattern("#0");
            for (var curve : curves.entrySet()) {
                List<Integer> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (CurvePoint point : CurvePoint.movingAverage(curve.getValue(), 10)) {
                    x.add(point.episode());
                    y.add(100 * point.successRate());
                }
                XYSeries series = chart.addSeries(curve.getKey(), x, y);
                series.setMarker(SeriesMarkers.NONE);
                series.setLineWidth(LINE_WIDTH);
                colour(series, curve.getKey(), policies);
            }
            images.add(png("convergence.png", chart));
        }
        if (!validationCurves.isEmpty()) {
            images.add(png("convergence-validation.png", validation(validationCurves, policies)));
        }
        return images;
    }

    /**
     * Robustness: one chart per swept base scenario and key (see {@link #robustnessChart}). A base swept
     * over two keys gets the key in its file name too. A sweep without a numeric value, or whose runs all failed,
     * has nothing to draw and no chart (the tables have its numbers).
     */
    static List<Image> robustness(List<Aggregate> aggregates, List<SweepPoint> points, List<String> policies)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<List<String>, List<SweepPoint>> groups = new LinkedHashMap<>();
        for (SweepPoint point : points) {
            groups.computeIfAbsent(List.of(point.base(), point.key()), g -> new ArrayList<>()).add(point);
        }
        List<Image> images = new ArrayList<>();
        for (List<SweepPoint> group : groups.values()) {
            XYChart chart = robustnessChart(group, aggregates, policies);
            if (chart.getSeriesMap().isEmpty()) {
                continue;
            }
            String base = group.get(0).base();
            boolean baseSweptTwice = groups.keySet().stream().filter(g -> g.get(0).equals(base)).count() > 1;
            String name = slug(baseSweptTwice ? base + "-" + group.get(0).key() : base);
            // the shipped robustness scenarios are named robustness-*: no second prefix
            images.add(png((name.startsWith("robustness-") ? name : "robustness-" + name) + ".png", chart));
        }
        return images;
    }

    /** The success rate against the swept value of one base scenario and key, one line per policy. */
    static XYChart robustnessChart(List<SweepPoint> group, List<Aggregate> aggregates, List<String> policies) {
        String key = group.get(0).key();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Robustness, " + group.get(0).base() + ": success rate against " + key)
                .xAxisTitle(key).yAxisTitle("Success rate (%)").build();
        style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0.##");
        for (String policy : policies) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (SweepPoint point : group) {
                double rate = find(aggregates, point.scenarioName(), policy).successRate().mean();
                if (!Double.isNaN(point.x()) && !Double.isNaN(rate)) {
                    x.add(point.x());
                    y.add(100 * rate);
                }
            }
            if (!x.isEmpty()) {
                XYSeries series = chart.addSeries(policy, x, y);
                series.setLineWidth(LINE_WIDTH);
                colour(series, policy, policies);
            }
        }
        return chart;
    }

    /** Success rate on the fixed validation episodes against the training episode, one series per policy. */
    static XYChart validation(Map<String, List<CurvePoint>> validationCurves, List<String> policies) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Convergence: success rate on fixed validation episodes during training")
                .xAxisTitle("Training episode").yAxisTitle("Success rate (%)").build();
        style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#0");
        for (var curve : validationCurves.entrySet()) {
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (CurvePoint point : curve.getValue()) {
                x.add(point.episode());
                y.add(100 * point.successRate());
            }
            XYSeries series = chart.addSeries(curve.getKey(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineWidth(LINE_WIDTH);
            colour(series, curve.getKey(), policies);
        }
        return chart;
    }

    /**
     * Draws a policy's series in the colour it has in the charts of every policy: the convergence charts leave out the
     * policies without curves, and the robustness charts those whose runs all failed, which would shift the palette.
     */
    private static void colour(XYSeries series, String policy, List<String> policies) {
        int index = policies.indexOf(policy);
        if (index >= 0) {
            Color colour = PALETTE[index % PALETTE.length];
            series.setLineColor(colour);
            series.setMarkerColor(colour);
        }
    }

    /** The cumulative distribution of task latency: for each latency, the share of tasks that ended within it. */
    static XYChart latency(List<Aggregate> ofScenario, String scenario) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Task latency distribution, " + scenario + " (all seeds)")
                .xAxisTitle("Task latency, arrival to end (s)").yAxisTitle("Tasks ended within that latency (%)")
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        for (Aggregate a : ofScenario) {
            long total = a.latency().stream().mapToLong(HistogramBin::count).sum();
            if (total == 0) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            x.add(a.latency().get(0).lower());
            y.add(0.0);
            long cumulative = 0;
            for (HistogramBin bin : a.latency()) {
                cumulative += bin.count();
                x.add(bin.upper());
                y.add(100.0 * cumulative / total);
            }
            XYSeries series = chart.addSeries(a.policy(), x, y);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineWidth(LINE_WIDTH);
        }
        return chart;
    }

    private static void style(AxesChartStyler styler) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        styler.setChartTitleFont(base.deriveFont(Font.BOLD, 17f));
        styler.setAxisTitleFont(base.deriveFont(15f));
        styler.setAxisTickLabelsFont(base.deriveFont(13f));
        styler.setLegendFont(base.deriveFont(13f));
        styler.setLegendPosition(LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setSeriesColors(PALETTE);
        styler.setLocale(Locale.ROOT);
        styler.setAntiAlias(true);
    }

    private static Image png(String fileName, Chart<?, ?> chart) throws IOException {
        return new Image(fileName, chart.getTitle(), BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
    }

    private static Aggregate find(List<Aggregate> aggregates, String scenario, String policy) {
        return aggregates.stream().filter(a -> a.scenario().equals(scenario) && a.policy().equals(policy))
                .findFirst().orElseThrow(() -> new IllegalStateException("no results for " + policy + " on " + scenario));
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0.0 : value;
    }

    /** {@code DEADLINE_MISSED} as "deadline missed". */
    static String label(FailureReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A file-name-safe form of a scenario name. */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "scenario" : slug;
    }
}
