package org.ledrl.reflect;

import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;

/**
 * One record of the short-term memory: a task that ended on a node, crossed a link or was of a
 * type, or a failure or recovery of a node or link.
 *
 * @param subject    {@code node:N}, {@code link:A-B} or {@code type:T}
 * @param timeMillis when it happened, on the memory's clock
 * @param kind       a task's end or a network event
 * @param failure    how the task ended ({@link FailureReason#NONE} for success and for events)
 * @param taskType   the task's type, the empty string for events
 * @param taskId     the task's id, -1 for events
 */
public record Trace(String subject, long timeMillis, Kind kind, FailureReason failure, String taskType, long taskId) {

    /** What a trace records. */
    public enum Kind {
        TASK, NODE_HARDWARE_FAILURE, NODE_SOFTWARE_FAILURE, NODE_REJOINED, LINK_FAILED, LINK_RESTORED;

        /** The kind recording {@code type}; empty for an event type this version does not know. */
        public static java.util.Optional<Kind> of(EnvironmentEvent.Type type) {
            for (Kind kind : values()) {
                if (kind != TASK && kind.name().equals(type.name())) {
                    return java.util.Optional.of(kind);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public boolean isTask() {
        return kind == Kind.TASK;
    }
}
