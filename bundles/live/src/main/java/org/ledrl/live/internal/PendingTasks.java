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
 * their compute time minus the time since then. Bounded in number and age; the oldest go first.
 * Thread-safe.
 */
final class PendingTasks {

    /** A decided task: where it went, its compute time there and its estimated reliability. */
    record Pending(Task task, int target, int hops, double computeSeconds, double reliability, long decidedMillis) {
    }

    private final int capacity;
    private final long timeoutMillis;
    private final LinkedHashMap<Long, Pending> byAge = new LinkedHashMap<>(); // guarded by this
    private final Map<Integer, NodeQueue> byNode = new HashMap<>(); // guarded by this
    private long expired; // guarded by this

    /** The tasks sent to one node, oldest first, with their compute time summed. */
    private static final class NodeQueue {
        final LinkedHashMap<Long, Pending> tasks = new LinkedHashMap<>();
        double computeSeconds;
    }

    PendingTasks(int capacity, long timeoutMillis) {
        this.capacity = capacity;
        this.timeoutMillis = timeoutMillis;
    }

    synchronized void add(Pending pending, long now) {
        expire(now);
        while (byAge.size() >= capacity) {
            drop(byAge.keySet().iterator().next());
            expired++;
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
        return expired;
    }

    synchronized int size() {
        return byAge.size();
    }

    private void expire(long now) {
        for (Iterator<Pending> it = byAge.values().iterator(); it.hasNext(); ) {
            Pending oldest = it.next();
            if (now - oldest.decidedMillis() <= timeoutMillis) {
                return;
            }
            it.remove();
            removeFromNode(oldest);
            expired++;
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
            queue.computeSeconds = queue.tasks.isEmpty() ? 0.0
                    : queue.computeSeconds - finiteOrZero(pending.computeSeconds());
        }
    }

    private static double finiteOrZero(double value) {
        return Double.isFinite(value) ? value : 0.0;
    }
}
