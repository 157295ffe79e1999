package org.ledrl.api.model;

/** The high-level strategy a prior recommends for the neighbourhood. */
public enum GlobalStrategy {
    /** No recommendation (e.g. no prior yet). */
    NONE,
    KEEP_LOCAL,
    SPREAD,
    AVOID_FAILING_REGION,
    PREFER_FAST_LINKS
}
