package org.ledrl.api.model;

/** Why a task failed; {@link #NONE} for a task that succeeded. Every task ends with exactly one value. */
public enum FailureReason {
    NONE,
    DEADLINE_MISSED,
    NODE_FAILED,
    LINK_FAILED,
    EXECUTION_FAILURE,
    TRANSMISSION_FAILURE,
    RELIABILITY_BELOW_THRESHOLD,
    NODE_UNREACHABLE,
    QUEUE_FULL,
    /** The policy threw or answered with a node that was not a candidate. */
    POLICY_ERROR;

    public boolean isSuccess() {
        return this == NONE;
    }
}
