package org.ledrl.experiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ledrl.api.model.FailureReason;
import org.ledrl.metrics.HistogramBin;
import org.junit.jupiter.api.Test;

class AggregatorTest {

    private final List<RunRow> rows = List.of(
            Rows.run("s", "a", 1, 10, 0.3, 0.5),   // run success 0.4
            Rows.run("s", "a", 2, 20, 0.4, 0.6),   // 0.5
            Rows.run("s", "a", 3, 30, 0.5, 0.7),   // 0.6
            Rows.failed("s", "a", 4, "IllegalStateException: boom"),
            Rows.run("s", "b", 1, 5, 0.9, 0.9));

    @Test
    void meanAndConfidenceOfTheSuccessRateOverTheRunsThatFinished() {
        Aggregate a = Aggregator.aggregate(rows, List.of("s"), List.of("a", "b")).get(0);
        assertEquals(4, a.runs());
        assertEquals(1, a.failedRuns());
        assertEquals(3, a.successRate().n());
        assertEquals(0.5, a.successRate().mean(), 1e-12);
        // sample sd 0.1 over 3 runs, t(2) = 4.3027
        assertEquals(4.3027 * 0.1 / Math.sqrt(3), a.successRate().halfWidth(), 1e-9);
        assertEquals(60, a.decisionMeanUs().mean(), 1e-12);
        assertEquals(20, a.decisionP50Us().mean(), 1e-12);
        assertEquals(40, a.decisionP99Us(), 1e-12);
    }

    @Test
    void sumsFailuresAndMergesTheLatencyDistribution() {
        Aggregate a = Aggregator.aggregate(rows, List.of("s"), List.of("a", "b")).get(0);
        assertEquals(600, a.tasks());
        assertEquals(300, a.failures(FailureReason.DEADLINE_MISSED));
        assertEquals(0, a.failures(FailureReason.NODE_FAILED));
        assertEquals(List.of(new HistogramBin(0.5, 1.0, 300), new HistogramBin(4.0, 8.0, 300)), a.latency());
    }

    @Test
    void averagesEachEpisodeOverTheRuns() {
        Aggregate a = Aggregator.aggregate(rows, List.of("s"), List.of("a", "b")).get(0);
        assertEquals(2, a.episodeSuccessRate().size());
        assertEquals(0.4, a.episodeSuccessRate().get(0), 1e-12);
        assertEquals(0.6, a.episodeSuccessRate().get(1), 1e-12);
    }

    @Test
    void keepsTheOrderOfScenariosAndPolicies() {
        List<RunRow> two = List.of(Rows.run("x", "p", 1, 1, 0.1), Rows.run("y", "p", 1, 1, 0.2),
                Rows.run("x", "q", 1, 1, 0.3), Rows.run("y", "q", 1, 1, 0.4));
        List<Aggregate> aggregates = Aggregator.aggregate(two, List.of("y", "x"), List.of("q", "p"));
        assertEquals(List.of("y/q", "y/p", "x/q", "x/p"),
                aggregates.stream().map(a -> a.scenario() + "/" + a.policy()).toList());
        assertEquals(0.4, aggregates.get(0).successRate().mean(), 1e-12);
        assertTrue(Double.isNaN(aggregates.get(0).successRate().halfWidth()), "one run has no interval");
    }

    @Test
    void aPolicyWhoseRunsAllFailedHasNoStatistics() {
        Aggregate a = Aggregator.aggregate(List.of(Rows.failed("s", "c", 1, "x")), List.of("s"), List.of("c"))
                .get(0);
        assertEquals(1, a.failedRuns());
        assertTrue(Double.isNaN(a.successRate().mean()));
        assertEquals(List.of(), a.latency());
        assertEquals("n/a", ResultTable.percent(a.successRate()));
    }
}
