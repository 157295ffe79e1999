package org.ledrl.api.model;

/**
 * The end of one task: where it ran and how it ended.
 *
 * @param task            the task
 * @param executor        the node chosen to execute it
 * @param hops            links the input crossed
 * @param failure         {@link FailureReason#NONE} on success, else the one reason it failed
 * @param latencyS        arrival to completion (or to failure), seconds
 * @param reliability     the model's reliability of the run, in [0,1]
 * @param completedMillis when it ended, on the environment's clock
 * @param reward          the reward of the decision (DESIGN.md: +1 success, -1 failure, minus a latency term)
 */
public record Outcome(Task task, int executor, int hops, FailureReason failure, double latencyS, double reliability,
                      long completedMillis, double reward) {

    public boolean success() {
        return failure.isSuccess();
    }
}
