package org.ledrl.reflect;

import java.util.List;
import java.util.Map;
import org.ledrl.api.eval.ReflectiveMemory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A reflective memory that can be inspected and reset: what the {@code memory} command, a console
 * page or a report uses. Both {@link ReflectiveEvaluator} (a run's private memory) and the DS
 * service provide it.
 */
@ProviderType
public interface LessonMemory extends ReflectiveMemory {

    /** The long-term memory, strongest lessons first. */
    List<Lesson> lessons();

    /** The short-term memory, newest records first. */
    List<Trace> shortTerm();

    /** The memory's clock: the latest time it has seen ({@link Long#MIN_VALUE} before anything). */
    long nowMillis();

    MemorySettings settings();

    /** Forgets everything, long- and short-term. */
    void clear();

    /**
     * For each node that asked lately, the lessons its last prompt carried, each as {@code "<rule> <subject>"}
     * (e.g. {@code failing-node node:7}): the lessons used in the last priors. Bounded; empty when not kept.
     */
    default Map<Integer, List<String>> lastRecalls() {
        return Map.of();
    }

    /** Problems a person should know about, e.g. a memory file that was unreadable and set aside. */
    default List<String> problems() {
        return List.of();
    }
}
