package org.ledrl.api.eval;

import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Watches a run: decisions with their decision time, task outcomes and network events. The
 * metrics evaluator and the reflective evaluator implement it. Callbacks come from the thread
 * that drives the run and must return quickly.
 */
@ConsumerType
public interface Evaluator {

    String name();

    default void onDecision(Observation observation, Decision decision, long decisionNanos) {
    }

    void onOutcome(Outcome outcome);

    default void onEvent(EnvironmentEvent event) {
    }

    default void onEpisodeEnd(int episode) {
    }
}
