package org.ledrl.api.runtime;

import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The live decision loop: decides with whichever policy is bound now and the latest prior for the
 * node. Policies can be swapped at any time; a swap never drops or fails a decision. Thread-safe.
 */
@ProviderType
public interface DecisionService {

    /** Never throws and never returns null: without a usable policy the task stays on the agent's node. */
    Decision decide(Observation observation);

    /** Name of the policy decisions are made with now. */
    String activePolicy();

    /**
     * Why {@link #activePolicy()} decides: {@code configured}, {@code default}, a {@code fallback} with the default
     * that is missing, or {@code highest ranking}; empty when the implementation does not say.
     */
    default String activePolicyReason() {
        return "";
    }

    /**
     * Tells the service how a task it decided ended, so that a policy that learns from outcomes (one that is also an
     * {@link org.ledrl.api.eval.Evaluator}) hears it; the default ignores it.
     */
    default void outcome(org.ledrl.api.model.Outcome outcome) {
    }
}
