package org.ledrl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void meanAndConfidenceOfFiveValues() {
        Statistics.Interval interval = Statistics.meanWithConfidence(1, 2, 3, 4, 5);
        assertEquals(5, interval.n());
        assertEquals(3.0, interval.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), interval.stdDev(), 1e-12);
        assertEquals(2.7764 * Math.sqrt(2.5) / Math.sqrt(5), interval.halfWidth(), 1e-9);
        assertEquals(interval.mean() - interval.halfWidth(), interval.lower(), 1e-12);
    }

    @Test
    void studentQuantilesFallTowardsTheNormalOne() {
        assertEquals(12.7062, Statistics.studentT95(1), 1e-4);
        assertEquals(2.2622, Statistics.studentT95(9), 1e-4);
        double previous = Double.POSITIVE_INFINITY;
        for (int df = 1; df < 2000; df++) {
            double t = Statistics.studentT95(df);
            assertTrue(t <= previous && t > 1.959, "df " + df + " gave " + t);
            previous = t;
        }
        assertEquals(2.0211, Statistics.studentT95(40), 1e-4);
    }

    @Test
    void tooFewValuesGiveNoInterval() {
        assertTrue(Double.isNaN(Statistics.meanWithConfidence().mean()));
        Statistics.Interval one = Statistics.meanWithConfidence(0.5);
        assertEquals(0.5, one.mean(), 0.0);
        assertTrue(Double.isNaN(one.halfWidth()));
    }
}
