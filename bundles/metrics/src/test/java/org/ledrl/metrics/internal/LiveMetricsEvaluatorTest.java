package org.ledrl.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.ledrl.metrics.LiveWindow;
import org.junit.jupiter.api.Test;

class LiveMetricsEvaluatorTest {

    @Test
    void theWindowKeepsOnlyTheLatestOutcomes() {
        LiveMetricsEvaluator.Window window = new LiveMetricsEvaluator.Window(10);
        for (int i = 0; i < 25; i++) {
            // the first 15 fail, the last 10 succeed: the window must only see successes
            FailureReason reason = i < 15 ? FailureReason.NODE_FAILED : FailureReason.NONE;
            window.outcome(new Outcome(new Task(i, 0, 0, 300, 1000, 4, "control"), 0, 0, reason, i, 1, i * 10L, 0));
            window.decision(1000L * (i + 1));
        }
        LiveWindow snapshot = window.snapshot();
        assertEquals(10, snapshot.tasks());
        assertEquals(25, snapshot.totalTasks());
        assertEquals(1.0, snapshot.successRate(), 0.0);
        assertTrue(snapshot.failures().isEmpty());
        assertEquals((15 + 24) / 2.0, snapshot.latencyMeanS(), 1e-12);
        assertEquals(240, snapshot.lastOutcomeMillis());
        // decisions 16..25 us remain: median rank 5 is 20 us
        assertEquals(20.0, snapshot.decisionP50Us(), 1e-9);
    }

    @Test
    void anEmptyWindowSaysSo() {
        LiveWindow snapshot = new LiveMetricsEvaluator.Window(10).snapshot();
        assertEquals(0, snapshot.tasks());
        assertTrue(Double.isNaN(snapshot.successRate()));
        assertTrue(Double.isNaN(snapshot.decisionP99Us()));
    }
}
