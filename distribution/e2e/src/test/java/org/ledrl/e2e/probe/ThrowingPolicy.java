package org.ledrl.e2e.probe;

import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;

/** A bad next version of {@link ProbePolicy}: it throws on every decision. A test fixture, never shipped. */
public final class ThrowingPolicy extends ProbePolicy {

    public static final String MESSAGE = "e2e policy version 2 cannot decide";

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        throw new IllegalStateException(MESSAGE);
    }
}
