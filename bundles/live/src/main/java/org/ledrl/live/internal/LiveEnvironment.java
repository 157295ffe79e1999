package org.ledrl.live.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.ledrl.api.env.EdgeEnvironment;
import org.ledrl.api.env.Slot;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.ledrl.api.model.Topology;
import org.ledrl.live.LiveLink;

/**
 * The {@link EdgeEnvironment} of the live network: topology and observations come from telemetry
 * (through {@link NetworkState}), so a policy decides here exactly as in the simulator. Time is the
 * wall clock and a slot is whatever happened between two steps: {@link #submit} queues a task that
 * arrived, {@link #complete} an outcome a gateway reported; {@link #step} hands each decision to the
 * {@link Dispatcher} and returns the tasks and outcomes that came in since. The seed of
 * {@link #reset} is ignored: live runs do not repeat. Network events are not derived (empty).
 *
 * <p>The decision front of the live runtime answers each request at once with {@link #observe};
 * reset and step serve callers that work slot by slot (joint policies, online learning). Tasks and
 * outcomes are buffered for such a caller only while one is attached: from {@link #reset} until
 * {@link #detach}; otherwise nothing is kept, since nothing would ever drain it. While attached,
 * each buffer holds at most {@code capacity} entries; beyond that the oldest go and are counted.
 */
final class LiveEnvironment implements EdgeEnvironment {

    /** Carries a decision out: sends the task to its target. */
    @FunctionalInterface
    interface Dispatcher {
        void dispatch(Task task, Decision decision);
    }

    private final Supplier<NetworkState> network;
    private final Dispatcher dispatcher;
    private final int capacity;
    private final Deque<Task> arrived = new ArrayDeque<>(); // guarded by this
    private final Deque<Outcome> ended = new ArrayDeque<>(); // guarded by this
    private List<Observation> current = List.of(); // guarded by this
    private int slot; // guarded by this
    private boolean attached; // guarded by this
    private long droppedTasks; // guarded by this
    private long droppedOutcomes; // guarded by this

    /** @param capacity the most tasks, and the most outcomes, kept between two steps */
    LiveEnvironment(Supplier<NetworkState> network, Dispatcher dispatcher, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("slot buffer capacity must be 1 or more, was " + capacity);
        }
        this.network = network;
        this.dispatcher = dispatcher;
        this.capacity = capacity;
    }

    /** What the task's origin sees now. */
    Observation observe(Task task) {
        return network.get().observe(task);
    }

    /** Queues a task that arrived, for the next slot, while a slot-by-slot caller is attached. */
    synchronized void submit(Task task) {
        if (attached) {
            arrived.addLast(task);
            if (arrived.size() > capacity) {
                arrived.removeFirst();
                droppedTasks++;
            }
        }
    }

    /** Queues an outcome, for the next slot, while a slot-by-slot caller is attached. */
    synchronized void complete(Outcome outcome) {
        if (attached) {
            ended.addLast(outcome);
            if (ended.size() > capacity) {
                ended.removeFirst();
                droppedOutcomes++;
            }
        }
    }

    /** The slot-by-slot caller is done: what was buffered for it goes, and nothing is buffered until the next reset. */
    synchronized void detach() {
        attached = false;
        arrived.clear();
        ended.clear();
        current = List.of();
    }

    synchronized boolean attached() {
        return attached;
    }

    /** The two buffers: tasks and outcomes waiting for the next step. */
    synchronized List<BufferStatus> buffers() {
        return List.of(new BufferStatus("live.slot-tasks", arrived.size(), capacity, droppedTasks),
                new BufferStatus("live.slot-outcomes", ended.size(), capacity, droppedOutcomes));
    }

    @Override
    public Topology topology() {
        return network.get().topology();
    }

    @Override
    public synchronized Slot reset(long seed) {
        attached = true;
        arrived.clear();
        ended.clear();
        slot = 0;
        current = List.of();
        return new Slot(0, network.get().now(), current, List.of(), List.of(), false);
    }

    @Override
    public synchronized Slot step(List<Decision> decisions) {
        if (decisions.size() != current.size()) {
            throw new IllegalArgumentException("step needs one decision per observation of the slot: "
                    + current.size() + " observations, " + decisions.size() + " decisions");
        }
        NetworkState state = network.get();
        for (int i = 0; i < current.size(); i++) {
            Observation observation = current.get(i);
            Decision decision = decisions.get(i);
            if (decision == null || observation.indexOf(decision.target()) < 0) {
                Task task = observation.task();
                ended.add(new Outcome(task, decision == null ? -1 : decision.target(), 0, FailureReason.POLICY_ERROR,
                        (state.now() - task.arrivalMillis()) / 1000.0, 0.0, state.now(), -1.0));
            } else {
                dispatcher.dispatch(observation.task(), decision);
            }
        }
        List<Observation> observations = new ArrayList<>(arrived.size());
        for (Task task : arrived) {
            observations.add(state.observe(task));
        }
        arrived.clear();
        List<Outcome> outcomes = List.copyOf(ended);
        ended.clear();
        current = List.copyOf(observations);
        return new Slot(++slot, state.now(), current, outcomes, List.of(), false);
    }

    /**
     * Per node: up (1 or 0), CPU load, queue wait in seconds; per link: up, rate in MB/s. Unmeasured
     * values are 0 here (a critic needs numbers). Fixed length while the topology stays the same.
     */
    @Override
    public float[] globalState() {
        NetworkState state = network.get();
        List<NodeStatus> nodes = new ArrayList<>(state.nodes());
        List<LiveLink> links = new ArrayList<>(state.links());
        float[] vector = new float[3 * nodes.size() + 2 * links.size()];
        int at = 0;
        for (NodeStatus node : nodes) {
            vector[at++] = node.health().isUp() ? 1f : 0f;
            vector[at++] = number(node.cpuLoad());
            vector[at++] = number(node.queueSeconds());
        }
        for (LiveLink link : links) {
            LinkStatus status = link.status();
            vector[at++] = status.health().isUp() ? 1f : 0f;
            vector[at++] = number(status.rateMBps());
        }
        return vector;
    }

    private static float number(double value) {
        return Double.isFinite(value) ? (float) value : 0f;
    }
}
