package org.ledrl.e2e.probe;

import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;

/** A plugin policy that keeps each task on its node, labelled with its version: a test fixture, never shipped. */
public class ProbePolicy implements OffloadingPolicy {

    public static final String NAME = "e2e-probe";

    /** The label of this version's decisions. */
    protected String label() {
        return NAME + "-1";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        return Decision.of(observation.agent(), label());
    }
}
