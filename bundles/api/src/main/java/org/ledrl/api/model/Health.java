package org.ledrl.api.model;

/** Whether a node or link is usable. {@link #UNKNOWN} is what stale or missing telemetry means: never healthy. */
public enum Health {
    UP, DOWN, UNKNOWN;

    public boolean isUp() {
        return this == UP;
    }
}
