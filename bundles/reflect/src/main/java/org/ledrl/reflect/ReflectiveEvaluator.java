package org.ledrl.reflect;

import org.ledrl.api.eval.Evaluator;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The reflective evaluator: an {@link Evaluator} that distils outcomes and events into lessons by
 * the rules of this package, and a memory that recalls them by relevance. The DS service is one; a simulation run
 * makes its own private one with the {@link ReflectiveEvaluatorFactory} service, so two runs in one JVM share
 * nothing, and feeds it the run's outcomes and events (their timestamps are its clock).
 *
 * <p>Thread-safe: one thread drives the run while others recall and inspect.
 */
@ProviderType
public interface ReflectiveEvaluator extends Evaluator, LessonMemory {

    /** Everything the memory holds now. */
    MemorySnapshot snapshot();

    /**
     * Replaces the memory's content with {@code snapshot}, trimmed to this memory's caps and retention.
     *
     * @throws IllegalArgumentException naming the first invalid lesson or record; the memory is unchanged then
     */
    void restore(MemorySnapshot snapshot);

    /** Grows with every change; a saver compares it to know whether there is anything new to write. */
    long modifications();
}
