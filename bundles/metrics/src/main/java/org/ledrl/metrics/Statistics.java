package org.ledrl.metrics;

/**
 * Statistics over repeated runs (one value per seed): mean and 95% confidence interval with
 * Student's t, as the experiment reports print them.
 */
public final class Statistics {

    /** Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom. */
    private static final double[] T95 = {12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622,
        2.2281, 2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796, 2.0739,
        2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
    /** Beyond 30: the quantile at 30, 40, 60, 120 and infinity, interpolated in 1/df. */
    private static final double[] TAIL_DF = {30, 40, 60, 120, Double.POSITIVE_INFINITY};
    private static final double[] TAIL_T = {2.0423, 2.0211, 2.0003, 1.9799, 1.95996};

    private Statistics() {
    }

    /**
     * Mean and 95% confidence interval of {@code values}.
     *
     * @param n         how many values
     * @param mean      their mean (NaN when none)
     * @param stdDev    sample standard deviation (NaN below two values)
     * @param halfWidth half the width of the 95% interval (NaN below two values)
     */
    public record Interval(int n, double mean, double stdDev, double halfWidth) {

        public double lower() {
            return mean - halfWidth;
        }

        public double upper() {
            return mean + halfWidth;
        }
    }

    public static Interval meanWithConfidence(double... values) {
        int n = values.length;
        if (n == 0) {
            return new Interval(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Interval(1, mean, Double.NaN, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double stdDev = Math.sqrt(squares / (n - 1));
        return new Interval(n, mean, stdDev, studentT95(n - 1) * stdDev / Math.sqrt(n));
    }

    /** The two-sided 95% quantile of Student's t with {@code df} degrees of freedom (table, then 1/df interpolation). */
    public static double studentT95(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1: " + df);
        }
        if (df <= T95.length) {
            return T95[df - 1];
        }
        for (int i = 1; i < TAIL_DF.length; i++) {
            if (df <= TAIL_DF[i]) {
                double x0 = 1 / TAIL_DF[i - 1];
                double x1 = 1 / TAIL_DF[i];
                double x = 1.0 / df;
                return TAIL_T[i - 1] + (TAIL_T[i] - TAIL_T[i - 1]) * (x - x0) / (x1 - x0);
            }
        }
        return TAIL_T[TAIL_T.length - 1];
    }
}
