package org.ledrl.live.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The evaluators bound to the live runtime; one that fails never stops a decision or the others. */
final class Evaluators {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluators.class);

    private final List<Evaluator> evaluators = new CopyOnWriteArrayList<>();

    void add(Evaluator evaluator) {
        evaluators.add(evaluator);
    }

    void remove(Evaluator evaluator) {
        evaluators.remove(evaluator);
    }

    void decided(Observation observation, Decision decision, long nanos) {
        for (Evaluator evaluator : evaluators) {
            try {
                evaluator.onDecision(observation, decision, nanos);
            } catch (RuntimeException e) {
                LOG.debug("Evaluator {} failed on a decision", evaluator.name(), e);
            }
        }
    }

    void ended(Outcome outcome) {
        for (Evaluator evaluator : evaluators) {
            try {
                evaluator.onOutcome(outcome);
            } catch (RuntimeException e) {
                LOG.debug("Evaluator {} failed on an outcome", evaluator.name(), e);
            }
        }
    }
}
