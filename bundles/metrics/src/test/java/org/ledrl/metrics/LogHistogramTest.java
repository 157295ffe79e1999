package org.ledrl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogHistogramTest {

    @Test
    void quantilesStayWithinOnePercentOfTheExactValue() {
        SplittableRandom random = new SplittableRandom(42);
        LogHistogram histogram = new LogHistogram(1e-6, 1e4);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextGaussian() * 2); // log-normal: many octaves
            histogram.record(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.01, 0.5, 0.9, 0.95, 0.99, 0.999}) {
            double exact = values[(int) Math.ceil(q * values.length) - 1];
            double estimate = histogram.quantile(q);
            assertEquals(exact, estimate, exact * 0.01, "quantile " + q);
        }
        assertEquals(Arrays.stream(values).average().orElseThrow(), histogram.mean(), 1e-9);
        assertEquals(values[0], histogram.quantile(0), 0.0);
        assertEquals(values[values.length - 1], histogram.quantile(1), 0.0);
    }

    @Test
    void valuesOutsideTheBoundsAreCountedAndClamped() {
        LogHistogram histogram = new LogHistogram(1, 100);
        histogram.record(0);
        histogram.record(0.5);
        histogram.record(1e6);
        histogram.record(Double.NaN);
        assertEquals(3, histogram.count());
        assertEquals(0.0, histogram.quantile(0.01), 0.0);
        assertEquals(1e6, histogram.quantile(1.0), 0.0);
        long binned = histogram.bins(8).stream().mapToLong(HistogramBin::count).sum();
        assertEquals(3, binned);
    }

    @Test
    void binsCoverEveryValueInOrder() {
        LogHistogram histogram = new LogHistogram(1e-3, 1e3);
        for (int i = 1; i <= 1000; i++) {
            histogram.record(i / 100.0);
        }
        List<HistogramBin> bins = histogram.bins(4);
        assertEquals(1000, bins.stream().mapToLong(HistogramBin::count).sum());
        for (int i = 1; i < bins.size(); i++) {
            assertTrue(bins.get(i - 1).upper() <= bins.get(i).lower() + 1e-12, "bins ordered and disjoint");
        }
        for (HistogramBin bin : bins) {
            // every value i/100 in the bin is counted: recount them exactly
            long inside = 0;
            for (int i = 1; i <= 1000; i++) {
                double v = i / 100.0;
                if (v >= bin.lower() && v < bin.upper()) {
                    inside++;
                }
            }
            assertEquals(inside, bin.count(), "bin " + bin);
        }
    }

    @Test
    void addMergesAndResetEmpties() {
        LogHistogram a = new LogHistogram(1e-3, 1e3);
        LogHistogram b = new LogHistogram(1e-3, 1e3);
        a.record(1);
        b.record(3);
        a.add(b);
        assertEquals(2, a.count());
        assertEquals(2.0, a.mean(), 1e-12);
        a.reset();
        assertEquals(0, a.count());
        assertTrue(Double.isNaN(a.quantile(0.5)));
        assertThrows(IllegalArgumentException.class, () -> a.add(new LogHistogram(1, 10)));
        assertThrows(IllegalArgumentException.class, () -> a.quantile(1.5));
    }
}
