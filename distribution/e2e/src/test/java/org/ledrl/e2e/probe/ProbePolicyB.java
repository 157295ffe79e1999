package org.ledrl.e2e.probe;

/** The next, good version of {@link ProbePolicy}: a test fixture, never shipped. */
public final class ProbePolicyB extends ProbePolicy {

    @Override
    protected String label() {
        return NAME + "-2";
    }
}
