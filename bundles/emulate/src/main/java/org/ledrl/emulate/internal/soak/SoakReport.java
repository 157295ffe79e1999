package org.ledrl.emulate.internal.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The minutes of a soak run, printed as they end and kept in {@code soak.csv}, and the verdict at the end: heap
 * and RSS slopes (least squares, MB per 10 minutes) after their warm-up, errors and failed decisions.
 */
final class SoakReport {

    /** The heap is judged after the first 5 minutes (class loading, JIT, caches filling), RSS after 10. */
    static final int HEAP_WARM_UP = 5;
    static final int RSS_WARM_UP = 10;
    private static final double MB = 1024.0 * 1024.0;

    record Minute(int minute, double heapMB, double rssMB, long restDecisions, long mqttDecisions,
            double p50Micros, double p99Micros, long outcomes, long errors, long failedDecisions, long telemetry,
            int switches, int swaps) {

        String line() {
            return String.format(Locale.ROOT, "minute %3d: heap after GC %7.2f MB, RSS %7.1f MB, decisions %6d "
                    + "(REST %d, MQTT %d), decision p50 %.1f us p99 %.1f us, outcomes %d, errors %d, failed "
                    + "decisions %d, policy switches %d, model swaps %d", minute, heapMB, rssMB,
                    restDecisions + mqttDecisions, restDecisions, mqttDecisions, p50Micros, p99Micros, outcomes, errors,
                    failedDecisions, switches, swaps);
        }

        String csv() {
            return String.format(Locale.ROOT, "%d,%.3f,%.1f,%d,%d,%.2f,%.2f,%d,%d,%d,%d,%d,%d", minute, heapMB, rssMB,
                    restDecisions, mqttDecisions, p50Micros, p99Micros, outcomes, errors, failedDecisions, telemetry,
                    switches, swaps);
        }
    }

    private final List<Minute> minutes = new ArrayList<>();
    private final Path csv;
    private final PrintStream out;

    SoakReport(Path csv, PrintStream out) throws IOException {
        this.csv = csv;
        this.out = out;
        Files.writeString(csv, "minute,heap_after_gc_mb,rss_mb,rest_decisions,mqtt_decisions,decision_p50_us,"
                + "decision_p99_us,outcomes,errors,failed_decisions,telemetry_messages,policy_switches,model_swaps\n");
    }

    static Minute minute(int minute, long heapBytes, long rssBytes, Tally tally, int switches, int swaps) {
        return new Minute(minute, heapBytes / MB, rssBytes < 0 ? Double.NaN : rssBytes / MB,
                tally.restDecisions.sum(), tally.mqttDecisions.sum(), tally.decisionQuantile(0.5),
                tally.decisionQuantile(0.99), tally.outcomes.sum(), tally.errors.sum(), tally.failedDecisions.sum(),
                tally.telemetry.sum(), switches, swaps);
    }

    void add(Minute minute) throws IOException {
        minutes.add(minute);
        out.println(minute.line());
        out.flush();
        Files.writeString(csv, minute.csv() + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    long errors() {
        return minutes.stream().mapToLong(Minute::errors).sum();
    }

    long failedDecisions() {
        return minutes.stream().mapToLong(Minute::failedDecisions).sum();
    }

    long decisions() {
        return minutes.stream().mapToLong(m -> m.restDecisions() + m.mqttDecisions()).sum();
    }

    /** MB per 10 minutes over the minutes after {@code warmUp}; NaN with fewer than 3 of them. */
    double slope(int warmUp, boolean heap) {
        List<double[]> points = minutes.stream().filter(m -> m.minute() > warmUp)
                .map(m -> new double[] {m.minute(), heap ? m.heapMB() : m.rssMB()})
                .filter(p -> !Double.isNaN(p[1])).toList();
        return 10 * leastSquaresSlope(points);
    }

    static double leastSquaresSlope(List<double[]> points) {
        int n = points.size();
        if (n < 3) {
            return Double.NaN;
        }
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - meanX) * (p[1] - meanY);
            sxx += (p[0] - meanX) * (p[0] - meanX);
        }
        return sxy / sxx;
    }

    /** Prints the verdict; true when every judged target is met. */
    boolean verdict(double heapLimit, double rssLimit, boolean gatewayAlive) {
        boolean passed = gatewayAlive;
        if (!gatewayAlive) {
            out.println("FAILED: the gateway stopped during the run");
        }
        passed &= judge("heap after GC", slope(HEAP_WARM_UP, true), heapLimit, HEAP_WARM_UP);
        passed &= judge("RSS", slope(RSS_WARM_UP, false), rssLimit, RSS_WARM_UP);
        out.printf(Locale.ROOT, "decisions: %d; errors: %d (target 0); failed decisions: %d (target 0)%n",
                decisions(), errors(), failedDecisions());
        passed &= errors() == 0 && failedDecisions() == 0 && decisions() > 0;
        out.println(passed ? "soak passed" : "soak FAILED");
        return passed;
    }

    private boolean judge(String what, double slope, double limit, int warmUp) {
        if (Double.isNaN(slope)) {
            out.printf(Locale.ROOT, "%s slope: not judged (needs at least %d minutes: %d of warm-up and 3 to fit)%n",
                    what, warmUp + 3, warmUp);
            return true;
        }
        boolean within = Math.abs(slope) <= limit;
        out.printf(Locale.ROOT, "%s slope after minute %d: %+.3f MB per 10 minutes (target within +-%.1f)%s%n", what,
                warmUp, slope, limit, within ? "" : ": MISSED");
        return within;
    }
}
