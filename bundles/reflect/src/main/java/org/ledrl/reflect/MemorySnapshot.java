package org.ledrl.reflect;

import java.util.List;

/**
 * The whole state of a reflective memory, e.g. to save a simulation run's memory or to start one
 * from a saved memory. The DS service writes it as JSON.
 *
 * @param clockMillis the memory's clock: the latest time it has seen
 * @param lessons     the long-term memory
 * @param shortTerm   the short-term memory, oldest first
 */
public record MemorySnapshot(long clockMillis, List<Lesson> lessons, List<Trace> shortTerm) {

    public MemorySnapshot {
        lessons = List.copyOf(lessons);
        shortTerm = List.copyOf(shortTerm);
    }

    public static MemorySnapshot empty() {
        return new MemorySnapshot(Long.MIN_VALUE, List.of(), List.of());
    }
}
