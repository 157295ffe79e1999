package org.ledrl.reflect.internal;

import java.util.ArrayList;
import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;

/** Synthetic outcomes, events and observations, one slot = one second. */
final class Synthetic {

    static final long SLOT = 1000;
    private long nextTaskId = 1;

    /** A task of {@code type} that arrived at {@code origin}, ran on {@code executor} and ended at {@code slot}. */
    Outcome outcome(int origin, int executor, FailureReason failure, String type, double slot) {
        int hops = origin == executor ? 0 : 1;
        return outcome(origin, executor, hops, failure, type, slot);
    }

    Outcome outcome(int origin, int executor, int hops, FailureReason failure, String type, double slot) {
        long end = (long) (slot * SLOT);
        Task task = new Task(nextTaskId++, origin, end - 500, 300, 1000, 4.0, type);
        return new Outcome(task, executor, hops, failure, 0.9, failure.isSuccess() ? 0.95 : 0.5, end,
                failure.isSuccess() ? 1 : -1);
    }

    static EnvironmentEvent nodeDown(int node, double slot) {
        return new EnvironmentEvent((long) (slot * SLOT), EnvironmentEvent.Type.NODE_HARDWARE_FAILURE, node, -1);
    }

    static EnvironmentEvent linkDown(int a, int b, double slot) {
        return new EnvironmentEvent((long) (slot * SLOT), EnvironmentEvent.Type.LINK_FAILED, a, b);
    }

    /**
     * What {@code agent} sees at {@code slot} for a task of {@code type}: itself, then the given
     * neighbours (one hop), then the given farther nodes (two hops).
     */
    static Observation observation(int agent, double slot, String type, List<Integer> neighbours,
                                   List<Integer> farther) {
        long now = (long) (slot * SLOT);
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(candidate(agent, 0, now));
        neighbours.forEach(n -> candidates.add(candidate(n, 1, now)));
        farther.forEach(n -> candidates.add(candidate(n, 2, now)));
        Task task = new Task(0, agent, now, 300, 1000, 4.0, type);
        return new Observation(agent, now, task, candidates, 0.9);
    }

    private static Candidate candidate(int node, int hops, long now) {
        NodeStatus status = new NodeStatus(node, Health.UP, 3.0, 0.5, 1, 0.2, 0.4, Double.NaN, Double.NaN, 0, now);
        return new Candidate(status, 0.01, hops, hops * 0.05, hops * 0.002, hops * 0.001, true);
    }
}
