package org.ledrl.reflect;

/**
 * The rules that distil lessons from outcomes and network events. Each is documented in the
 * package documentation and the bundle's README: its trigger, its thresholds in
 * {@link MemorySettings}, and how its lessons age out.
 */
public enum Rule {
    /** A node that failed at least {@code nodeFailureThreshold} times in the window. Subject {@code node:N}. */
    FAILING_NODE("failing-node"),
    /** A node where most tasks missed their deadline or found the queue full. Subject {@code node:N}. */
    OVERLOADED_NODE("overloaded-node"),
    /** A link that failed at least {@code linkFailureThreshold} times in the window. Subject {@code link:A-B}. */
    FAILING_LINK("failing-link"),
    /** A link over which most tasks of one type missed their deadline. Subject {@code link:A-B}, with a task type. */
    SLOW_LINK("slow-link"),
    /** A task type most of whose tasks failed, wherever they ran. Subject {@code type:T}. */
    FAILING_TASK_TYPE("failing-task-type");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    /** The rule's name in files, logs and the README. */
    public String id() {
        return id;
    }

    /** The rule named {@code id}. */
    public static Rule byId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown reflection rule '" + id + "'");
    }
}
