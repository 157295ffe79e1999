package org.ledrl.live;

import java.util.List;

/**
 * The answer to a {@link TaskRequest}: where the task runs, who decided, how long it took.
 *
 * @param requestId       the request's correlation id ({@code ""} when it had none)
 * @param taskId          id to report the task's outcome with
 * @param origin          the node the task arrived at
 * @param target          the node that executes it
 * @param policy          the policy that decided ({@code fallback} when the policy failed and the task stays local)
 * @param scores          the policy's score per candidate, empty when it gives none
 * @param decisionMicros  time the decision service took, microseconds
 * @param decidedAtMillis when it was decided, on this host's clock
 */
public record LiveDecision(String requestId, long taskId, int origin, int target, String policy,
                           List<CandidateScore> scores, double decisionMicros, long decidedAtMillis) {

    public LiveDecision {
        scores = List.copyOf(scores);
    }

    /** A candidate node with the policy's score for it. */
    public record CandidateScore(int node, double score) {
    }
}
