package org.ledrl.reflect.internal;

/**
 * The memory's clock, driven by the timestamps of outcomes and events (simulated time in a
 * simulation, wall-clock time live), never by the machine's clock.
 *
 * <p>A simulator may start each episode's clock at 0 again, and a memory restored from a file may
 * be fed by a simulation whose clock is far behind. Both would make fresh evidence look ancient, so
 * the clock runs in segments: after an episode ends, or when a timestamp jumps back by more than
 * the rules' window, the next timestamp starts a segment one slot after the latest time seen.
 * Smaller steps back (a late outcome) are kept as they are. Within a segment, memory time is the
 * source's time plus a fixed offset, so live memory time is wall-clock time. Not thread-safe.
 */
final class MemoryClock {

    static final long NEVER = Long.MIN_VALUE;

    private final long slotMillis;
    private final long largestStepBack;
    private long now = NEVER;
    private long offset;
    private boolean segmentEnded;

    MemoryClock(long slotMillis, long largestStepBack) {
        this.slotMillis = slotMillis;
        this.largestStepBack = largestStepBack;
    }

    /** Maps a source timestamp to memory time and moves the clock on. */
    long advance(long sourceMillis) {
        if (now == NEVER) {
            offset = 0;
            now = sourceMillis;
        } else if (startsSegment(sourceMillis)) {
            offset = now + slotMillis - sourceMillis;
            segmentEnded = false;
        }
        long t = sourceMillis + offset;
        now = Math.max(now, t);
        return t;
    }

    /** Memory time of {@code sourceMillis} without moving the clock (for recall). */
    long peek(long sourceMillis) {
        if (now == NEVER) {
            return sourceMillis;
        }
        return startsSegment(sourceMillis) ? now : Math.max(now, sourceMillis + offset);
    }

    private boolean startsSegment(long sourceMillis) {
        return segmentEnded || sourceMillis + offset < now - largestStepBack;
    }

    /** The next timestamp starts a new segment (an episode ended). */
    void endSegment() {
        if (now != NEVER) {
            segmentEnded = true;
        }
    }

    long now() {
        return now;
    }

    /** Continues from a saved clock: a live source carries on in the same time, a simulation starts a segment. */
    void restore(long savedNow) {
        now = savedNow;
        offset = 0;
        segmentEnded = false;
    }
}
