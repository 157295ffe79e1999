package org.ledrl.live.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ledrl.api.model.Task;

/**
 * Tasks decided but not yet reported, kept to build their outcome when the report comes and to
 * estimate each node's queue wait where telemetry cannot tell it: the tasks sent to a node are
 * taken to run one after the other from the moment the oldest of them was sent, so the wait is
 * their compute time minus the time since then. Bounded in number ({@code capacity}: the oldest is
 * pushed out to make room) and in age (a task waiting longer than {@code timeoutMillis} is forgotten);
 * both are counted, and together they are the tasks never reported. A node's queue goes when it
 * empties, so nodes no task waits for cost nothing. Thread-safe.
 */
final class PendingTasks {

    /** A decided task: where it went, its compute time there and its estimated reliability. */
    record Pending(Task task, int target, int hops, double computeSeconds, double reliability, long decidedMillis) {
    }

    private final int capacity;
    private final long timeoutMillis;
    private final LinkedHashMap<Long, Pending> byAge = new LinkedHashMap<>(); // guarded by this
    private final Map<Integer, NodeQueue> byNode = new HashMap<>(); // guarded by this
    private long timedOut; // guarded by this
    private long pushedOut; // guarded by this

    /** The tasks sent to one node, oldest first, with their compute time summed. */
    private static final class NodeQueue {
        final LinkedHashMap<Long, Pending> tasks = new LinkedHashMap<>();
        double computeSeconds;
    }

    PendingTasks(int capacity, long timeoutMillis) {
        if (capacity < 1 || timeoutMillis < 1) {
            throw new IllegalArgumentException("pending tasks need a capacity and a timeout of 1 or more, were "
                    + capacity + " and " + timeoutMillis + " ms");
        }
        this.capacity = capacity;
        this.timeoutMillis = timeoutMillis;
    }

    synchronized void add(Pending pending, long now) {
        expire(now);
        while (byAge.size() >= capacity) {
            drop(byAge.keySet().iterator().next());
            pushedOut++;
        }
        byAge.put(pending.task().id(), pending);
        NodeQueue queue = byNode.computeIfAbsent(pending.target(), n -> new NodeQueue());
        queue.tasks.put(pending.task().id(), pending);
        queue.computeSeconds += finiteOrZero(pending.computeSeconds());
    }

    /** The pending task with that id, if it is still waiting for its outcome. */
    synchronized Optional<Pending> peek(long taskId, long now) {
        expire(now);
        return Optional.ofNullable(byAge.get(taskId));
    }

    /** Removes and returns the pending task with that id. */
    synchronized Optional<Pending> take(long taskId, long now) {
        expire(now);
        return Optional.ofNullable(drop(taskId));
    }

    /** The estimated wait of a task queued at {@code node} now, seconds; 0 when nothing is pending there. */
    synchronized double queueSeconds(int node, long now) {
        NodeQueue queue = byNode.get(node);
        if (queue == null || queue.tasks.isEmpty()) {
            return 0.0;
        }
        long oldest = queue.tasks.values().iterator().next().decidedMillis();
        return Math.max(0.0, queue.computeSeconds - (now - oldest) / 1000.0);
    }

    /** Tasks sent to {@code node} and not reported yet. */
    synchronized int queueLength(int node) {
        NodeQueue queue = byNode.get(node);
        return queue == null ? 0 : queue.tasks.size();
    }

    /** Tasks dropped unreported: too old, or pushed out when full. */
    synchronized long expired() {
        return timedOut + pushedOut;
    }

    /** Tasks dropped unreported because they waited longer than the timeout. */
    synchronized long timedOut() {
        return timedOut;
    }

    /** Tasks dropped unreported because the table was full. */
    synchronized long pushedOut() {
        return pushedOut;
    }

    synchronized int size() {
        return byAge.size();
    }

    /** Nodes with at least one task waiting (each has a queue). */
    synchronized int nodes() {
        return byNode.size();
    }

    int capacity() {
        return capacity;
    }

    private void expire(long now) {
        for (Iterator<Pending> it = byAge.values().iterator(); it.hasNext(); ) {
            Pending oldest = it.next();
            if (now - oldest.decidedMillis() <= timeoutMillis) {
                return;
            }
            it.remove();
            removeFromNode(oldest);
            timedOut++;
        }
    }

    private Pending drop(long taskId) {
        Pending pending = byAge.remove(taskId);
        if (pending != null) {
            removeFromNode(pending);
        }
        return pending;
    }

    private void removeFromNode(Pending pending) {
        NodeQueue queue = byNode.get(pending.target());
        if (queue != null && queue.tasks.remove(pending.task().id()) != null) {
            if (queue.tasks.isEmpty()) {
                byNode.remove(pending.target()); // its table would keep its largest size for good
            } else {
                queue.computeSeconds -= finiteOrZero(pending.computeSeconds());
            }
        }
    }

    private static double finiteOrZero(double value) {
        return Double.isFinite(value) ? value : 0.0;
    }
}
