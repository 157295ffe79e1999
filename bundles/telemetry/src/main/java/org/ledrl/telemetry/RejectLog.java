package org.ledrl.telemetry;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the malformed input one telemetry source rejected, per kind, and logs the first reject of
 * each kind as a warning (later ones at debug level), so a gateway that receives garbage every
 * second does not flood its log. Bounded: kinds are short fixed phrases, and at most
 * {@value #MAX_KINDS} of them are counted apart; further kinds are counted together under
 * {@value #OTHER_KINDS} ({@link #lumped()}). Nothing else is kept. Thread-safe; one instance per
 * source instance.
 */
public final class RejectLog {

    private static final Logger LOG = LoggerFactory.getLogger(RejectLog.class);
    /** Most kinds counted apart. */
    public static final int MAX_KINDS = 64;
    /** Where rejects of further kinds are counted. */
    public static final String OTHER_KINDS = "other kinds";

    private final String source;
    private final ConcurrentMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong lumped = new AtomicLong();

    /** @param source the name of the source, put in every log line */
    public RejectLog(String source) {
        this.source = source;
    }

    /** Counts {@code problem} and logs it if it is the first of its kind. */
    public void reject(MalformedTelemetryException problem) {
        reject(problem.kind(), problem.getMessage());
    }

    /** Counts a reject of {@code kind} and logs it if it is the first of its kind. */
    public void reject(String kind, String message) {
        AtomicLong count = counts.get(kind);
        if (count == null) {
            synchronized (counts) { // the size check and the new kind together, so the bound holds exactly
                count = counts.get(kind);
                if (count == null && counts.size() >= MAX_KINDS) {
                    kind = OTHER_KINDS;
                    lumped.incrementAndGet();
                    count = counts.computeIfAbsent(OTHER_KINDS, k -> new AtomicLong());
                } else if (count == null) {
                    count = new AtomicLong();
                    counts.put(kind, count);
                }
            }
        }
        long seen = count.incrementAndGet();
        if (seen == 1) {
            LOG.warn("Telemetry source '{}' ignored malformed input ({}): {}. Further input of this kind is counted "
                    + "and logged at debug level.", source, kind, message);
        } else {
            LOG.debug("Telemetry source '{}' ignored malformed input ({}, {} so far): {}", source, kind, seen, message);
        }
    }

    /** Rejects counted under {@value #OTHER_KINDS} because {@value #MAX_KINDS} kinds were already counted apart. */
    public long lumped() {
        return lumped.get();
    }

    /** How many inputs of {@code kind} were rejected. */
    public long count(String kind) {
        AtomicLong count = counts.get(kind);
        return count == null ? 0 : count.get();
    }

    /** Rejects of every kind together. */
    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Rejects by kind, sorted by kind. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((kind, count) -> copy.put(kind, count.get()));
        return copy;
    }
}
