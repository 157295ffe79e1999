package org.ledrl.sim.internal;

/** The simulated clock runs in seconds (doubles); the model's records carry milliseconds. */
public final class SimTime {

    private SimTime() {
    }

    public static long millis(double seconds) {
        return Math.round(seconds * 1000.0);
    }
}
