package org.ledrl.runtime.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first {@value #WATCHED} decisions of a policy since it became the active one, and the first fault
 * among them (it threw, answered null or a node that is not an available candidate): what tells a new
 * plugin version that cannot decide, so that its update is rolled back. Lock-free on the decision path.
 */
final class FirstDecisions {

    static final int WATCHED = 50;

    private final long bundleId;
    private final AtomicLong decided = new AtomicLong();
    private final AtomicReference<String> fault = new AtomicReference<>();

    FirstDecisions(long bundleId) {
        this.bundleId = bundleId;
    }

    /**
     * Counts a decision; {@code problem} is null when the policy answered a valid node. Past the first
     * {@value #WATCHED} it is one volatile read: every decision calls it, and counting on would contend for nothing.
     */
    void record(String problem) {
        if (decided.get() >= WATCHED) {
            return;
        }
        long n = decided.incrementAndGet();
        if (problem != null && n <= WATCHED) {
            fault.compareAndSet(null, problem + " (decision " + n + " since it became active)");
        }
    }

    /** The first fault among the first decisions of a policy of this bundle, or null. */
    String faultOf(long bundle) {
        return bundle == bundleId ? fault.get() : null;
    }
}
