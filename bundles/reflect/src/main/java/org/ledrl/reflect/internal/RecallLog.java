package org.ledrl.reflect.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.Reflection;

/**
 * Which lessons the last prompt of each asking node carried (their rule and subject): what the {@code memory}
 * command shows as used in the last priors. Bounded: at most {@value #MAX_ASKERS} nodes, each with its last
 * recall only (at most a prompt's lessons); the node that asked longest ago is dropped first, and counted.
 * Thread-safe.
 */
final class RecallLog {

    static final int MAX_ASKERS = 1024;

    private final Map<Integer, List<String>> last = new LinkedHashMap<>();
    private long dropped;

    /** The name of a lesson in the log: its rule and subject, e.g. {@code failing-node node:7}. */
    static String name(String rule, String subject) {
        return rule + " " + subject;
    }

    synchronized void record(int agent, List<Reflection> recalled) {
        List<String> names = new ArrayList<>(recalled.size());
        for (Reflection r : recalled) {
            names.add(name(r.kind(), r.subject()));
        }
        last.remove(agent); // newest asker last
        last.put(agent, List.copyOf(names));
        if (last.size() > MAX_ASKERS) {
            last.remove(last.keySet().iterator().next());
            dropped++;
        }
    }

    /** Each node's last recall, oldest asker first. */
    synchronized Map<Integer, List<String>> snapshot() {
        return new LinkedHashMap<>(last);
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized void clear() {
        last.clear();
    }
}
