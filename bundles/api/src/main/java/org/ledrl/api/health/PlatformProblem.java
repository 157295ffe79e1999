package org.ledrl.api.health;

import java.util.Objects;

/**
 * A part of the platform that does not work, as {@code status}, the REST health and the start line
 * list it.
 *
 * @param kind   what kind of part and what is wrong, e.g. {@code component failed},
 *               {@code component unsatisfied}; the list is open (plugins may be added)
 * @param name   which one: a component's configuration PID (or its name when it has none)
 * @param reason the problem in one line, e.g. {@code links: link '0-1:25,0-2:25' is not a-b:rateMBps ...}
 *               or {@code needs org.ledrl.live}
 */
public record PlatformProblem(String kind, String name, String reason) {

    public PlatformProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code name (reason)}, as the start line lists it. */
    public String summary() {
        return name + " (" + reason + ")";
    }
}
