package org.ledrl.live;

import java.util.List;
import org.ledrl.api.model.FailureReason;

/**
 * What the live runtime did recently, in time buckets (oldest first), and its latest failures
 * (newest first). Values with nothing to measure are NaN.
 *
 * @param bucketSeconds length of a bucket
 * @param buckets       the last minutes, oldest first
 * @param failures      the latest failed tasks, newest first
 * @param decisions     decisions since start
 * @param outcomes      outcomes reported since start
 * @param unreported    decided tasks whose outcome never came before they expired
 */
public record Activity(int bucketSeconds, List<Bucket> buckets, List<Failure> failures, long decisions, long outcomes,
                       long unreported) {

    public Activity {
        buckets = List.copyOf(buckets);
        failures = List.copyOf(failures);
    }

    /**
     * One time bucket.
     *
     * @param startMillis         its start on this host's clock
     * @param decisions           decisions in it
     * @param decisionsPerSecond  decisions per second over it
     * @param meanDecisionMicros  mean decision time
     * @param maxDecisionMicros   longest decision time
     * @param outcomes            outcomes reported in it
     * @param successRate         their success rate
     */
    public record Bucket(long startMillis, long decisions, double decisionsPerSecond, double meanDecisionMicros,
                         double maxDecisionMicros, long outcomes, double successRate) {
    }

    /** A task that failed: which, where, why, when. */
    public record Failure(long taskId, int origin, int executor, FailureReason reason, double latencyS,
                          long atMillis) {
    }

    /** Decisions per second over the whole window; NaN for an empty window. */
    public double decisionsPerSecond() {
        long total = buckets.stream().mapToLong(Bucket::decisions).sum();
        return buckets.isEmpty() ? Double.NaN : total / (double) (buckets.size() * bucketSeconds);
    }

    /** Success rate over the whole window; NaN without outcomes. */
    public double successRate() {
        long outcomes = 0;
        double successes = 0;
        for (Bucket b : buckets) {
            if (b.outcomes() > 0) {
                outcomes += b.outcomes();
                successes += b.successRate() * b.outcomes();
            }
        }
        return outcomes == 0 ? Double.NaN : successes / outcomes;
    }

    /** Mean decision time over the whole window; NaN without decisions. */
    public double meanDecisionMicros() {
        long decisions = 0;
        double sum = 0;
        for (Bucket b : buckets) {
            if (b.decisions() > 0) {
                decisions += b.decisions();
                sum += b.meanDecisionMicros() * b.decisions();
            }
        }
        return decisions == 0 ? Double.NaN : sum / decisions;
    }
}
