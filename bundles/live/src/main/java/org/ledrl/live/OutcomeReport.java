package org.ledrl.live;

import org.ledrl.api.model.FailureReason;

/**
 * How a placed task ended, as a gateway reports it (see {@link LiveJson}); fed to the evaluators.
 *
 * @param requestId the caller's correlation id, echoed in the reply ({@code ""} when none)
 * @param taskId    the id the decision gave
 * @param executor  the node that ran it, or -1 for the decided target
 * @param failure   {@link FailureReason#NONE} on success
 * @param latencyS  arrival to completion (or to failure), seconds
 */
public record OutcomeReport(String requestId, long taskId, int executor, FailureReason failure, double latencyS) {

    /** What {@link #executor()} is when the report names none: the node the task was sent to. */
    public static final int DECIDED_TARGET = -1;
}
