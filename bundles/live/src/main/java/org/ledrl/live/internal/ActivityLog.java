package org.ledrl.live.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.Outcome;
import org.ledrl.live.Activity;

/**
 * Decisions and outcomes of the last minutes in fixed time buckets (a ring: constant memory), and
 * the latest {@value #FAILURES_KEPT} failures (older ones are pushed out and counted). Feeds the
 * console, the REST health and the {@code status} command. Time is this host's clock, in
 * milliseconds. Thread-safe.
 */
final class ActivityLog {

    static final int FAILURES_KEPT = 20;

    private final long bucketMillis;
    private final Bucket[] ring;
    private final Deque<Activity.Failure> failures = new ArrayDeque<>(); // guarded by this
    private long decisions; // guarded by this
    private long outcomes; // guarded by this
    private long failuresPushedOut; // guarded by this

    private static final class Bucket {
        long index = Long.MIN_VALUE;
        long decisions;
        long decisionNanos;
        long maxDecisionNanos;
        long outcomes;
        long successes;

        void reset(long index) {
            this.index = index;
            decisions = 0;
            decisionNanos = 0;
            maxDecisionNanos = 0;
            outcomes = 0;
            successes = 0;
        }
    }

    /**
     * @param bucketSeconds length of a bucket
     * @param windowMinutes how far back it keeps
     */
    ActivityLog(int bucketSeconds, int windowMinutes) {
        this.bucketMillis = bucketSeconds * 1000L;
        this.ring = new Bucket[Math.max(1, windowMinutes * 60 / bucketSeconds)];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Bucket();
        }
    }

    synchronized void decision(long nowMillis, long nanos) {
        Bucket bucket = bucket(nowMillis);
        bucket.decisions++;
        bucket.decisionNanos += nanos;
        bucket.maxDecisionNanos = Math.max(bucket.maxDecisionNanos, nanos);
        decisions++;
    }

    synchronized void outcome(long nowMillis, Outcome outcome) {
        Bucket bucket = bucket(nowMillis);
        bucket.outcomes++;
        outcomes++;
        if (outcome.success()) {
            bucket.successes++;
            return;
        }
        failures.addFirst(new Activity.Failure(outcome.task().id(), outcome.task().origin(), outcome.executor(),
                outcome.failure(), outcome.latencyS(), nowMillis));
        while (failures.size() > FAILURES_KEPT) {
            failures.removeLast();
            failuresPushedOut++;
        }
    }

    /** The window ending at {@code nowMillis}, oldest bucket first; {@code unreported} is passed through. */
    synchronized Activity snapshot(long nowMillis, long unreported) {
        long newest = Math.floorDiv(nowMillis, bucketMillis);
        List<Activity.Bucket> buckets = new ArrayList<>(ring.length);
        for (long index = newest - ring.length + 1; index <= newest; index++) {
            Bucket b = ring[(int) Math.floorMod(index, ring.length)];
            long start = index * bucketMillis;
            if (b.index != index) {
                buckets.add(new Activity.Bucket(start, 0, 0.0, Double.NaN, Double.NaN, 0, Double.NaN));
                continue;
            }
            // the current bucket has only run for part of its length
            double seconds = Math.max(0.001, Math.min(bucketMillis, nowMillis - start + 1) / 1000.0);
            buckets.add(new Activity.Bucket(start, b.decisions, b.decisions / seconds,
                    b.decisions == 0 ? Double.NaN : b.decisionNanos / 1e3 / b.decisions,
                    b.decisions == 0 ? Double.NaN : b.maxDecisionNanos / 1e3, b.outcomes,
                    b.outcomes == 0 ? Double.NaN : (double) b.successes / b.outcomes));
        }
        return new Activity((int) (bucketMillis / 1000), buckets, List.copyOf(failures), decisions, outcomes,
                unreported);
    }

    /** The recent failures kept; the time buckets are a fixed ring and drop nothing. */
    synchronized BufferStatus failuresBuffer() {
        return new BufferStatus("live.recent-failures", failures.size(), FAILURES_KEPT, failuresPushedOut);
    }

    private Bucket bucket(long nowMillis) {
        long index = Math.floorDiv(nowMillis, bucketMillis);
        Bucket bucket = ring[(int) Math.floorMod(index, ring.length)];
        if (bucket.index != index) {
            bucket.reset(index);
        }
        return bucket;
    }
}
