package org.ledrl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

    private static Outcome outcome(long id, int executor, FailureReason reason, double latency) {
        Task task = new Task(id, 0, 0, 300, 1000, 4, "control");
        return new Outcome(task, executor, 1, reason, latency, 0.95, 1000, reason.isSuccess() ? 1 : -1);
    }

    @Test
    void countsOutcomesPerEpisodeAndInTotal() {
        RunMetrics metrics = new RunMetrics();
        metrics.onOutcome(outcome(0, 0, FailureReason.NONE, 1.0));
        metrics.onOutcome(outcome(1, 1, FailureReason.DEADLINE_MISSED, 4.0));
        metrics.onOutcome(outcome(2, 1, FailureReason.NONE, 2.0));
        metrics.onDecision(null, Decision.of(0, "x"), 2_000);
        metrics.onEpisodeEnd(0);
        metrics.onOutcome(outcome(3, 2, FailureReason.QUEUE_FULL, 0.0));
        metrics.onEvent(new EnvironmentEvent(5, EnvironmentEvent.Type.NODE_SOFTWARE_FAILURE, 2, -1));
        metrics.onEvent(new EnvironmentEvent(6, EnvironmentEvent.Type.LINK_FAILED, 0, 1));
        metrics.onEpisodeEnd(1);

        Summary total = metrics.total();
        assertEquals(4, total.tasks());
        assertEquals(2, total.successes());
        assertEquals(0.5, total.successRate(), 1e-12);
        assertEquals(1, total.failures(FailureReason.DEADLINE_MISSED));
        assertEquals(1, total.failures(FailureReason.QUEUE_FULL));
        assertEquals(0, total.failures(FailureReason.LINK_FAILED));
        assertEquals(FailureReason.values().length - 1, total.failures().size());
        assertEquals(7.0 / 4, total.latencyMeanS(), 1e-12);
        assertEquals(0.0, total.meanReward(), 1e-12);
        assertEquals(1, total.decisions());
        assertEquals(2.0, total.decisionP50Us(), 0.02);

        List<Summary> episodes = metrics.episodes();
        assertEquals(2, episodes.size());
        assertEquals(3, episodes.get(0).tasks());
        assertEquals(2.0 / 3, episodes.get(0).successRate(), 1e-12);
        assertEquals(1, episodes.get(1).tasks());
        assertEquals(0.0, episodes.get(1).successRate(), 0.0);

        List<NodeLoad> nodes = metrics.nodes();
        assertEquals(3, nodes.size());
        assertEquals(new NodeLoad(1, 2, 1, 1, 0), nodes.get(1));
        assertEquals(new NodeLoad(2, 1, 0, 1, 1), nodes.get(2));
        assertEquals(4, metrics.latencyHistogram().stream().mapToLong(HistogramBin::count).sum());
    }

    @Test
    void anEmptyRunHasNothingToMeasure() {
        Summary total = new RunMetrics().total();
        assertEquals(0, total.tasks());
        assertTrue(Double.isNaN(total.successRate()));
        assertTrue(Double.isNaN(total.latencyP95S()));
    }
}
