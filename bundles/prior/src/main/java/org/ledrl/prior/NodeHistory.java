package org.ledrl.prior;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.ledrl.api.health.BufferStatus;

/**
 * Per node, the entries of a time window, oldest first (a prior board's outcome and dispatch
 * histories). Bounded twice: entries at or before the window's start are trimmed as the window moves
 * ({@link #trimThrough}), and all nodes together hold at most {@code capacity} entries: beyond that
 * the oldest entry of any node is pushed out and counted in {@link #dropped()}. A node whose entries
 * are all gone is forgotten. Not thread-safe: the board's lock guards it.
 *
 * @param <T> the entry
 */
final class NodeHistory<T> {

    private final String name;
    private final int capacity;
    private final ToLongFunction<T> time;
    private final Map<Integer, ArrayDeque<T>> byNode = new HashMap<>();
    private int size;
    private long dropped;

    /**
     * @param name     what it is, for {@link #status()}
     * @param capacity the most entries kept over all nodes
     * @param time     an entry's time, in the unit the window is trimmed in
     */
    NodeHistory(String name, int capacity, ToLongFunction<T> time) {
        if (capacity < 1) {
            throw new IllegalArgumentException(name + ": capacity must be 1 or more, was " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        this.time = time;
    }

    /** Appends an entry to the node's history, pushing out the oldest of all when full. */
    void add(int node, T entry) {
        byNode.computeIfAbsent(node, n -> new ArrayDeque<>()).addLast(entry);
        size++;
        while (size > capacity) {
            pushOutOldest();
        }
    }

    /**
     * Drops the node's entries from the front while their time is at or before {@code through}, and
     * returns what is left, oldest first (empty when nothing is). Read-only for the caller.
     */
    Deque<T> trimThrough(int node, long through) {
        ArrayDeque<T> entries = byNode.get(node);
        if (entries == null) {
            return new ArrayDeque<>(0);
        }
        while (!entries.isEmpty() && time.applyAsLong(entries.peekFirst()) <= through) {
            entries.pollFirst();
            size--;
        }
        if (entries.isEmpty()) {
            byNode.remove(node);
        }
        return entries;
    }

    /** The node's entries as they are, without trimming; null when it has none. */
    Deque<T> peek(int node) {
        return byNode.get(node);
    }

    void clear() {
        byNode.clear();
        size = 0;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    /** Entries pushed out before their time because the history was full. */
    long dropped() {
        return dropped;
    }

    int nodes() {
        return byNode.size();
    }

    BufferStatus status() {
        return new BufferStatus(name, size, capacity, dropped);
    }

    /** The entry that has waited longest, over all nodes; ties go to the lowest node id. */
    private void pushOutOldest() {
        Integer oldestNode = null;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<Integer, ArrayDeque<T>> e : byNode.entrySet()) {
            long t = time.applyAsLong(e.getValue().peekFirst());
            if (oldestNode == null || t < oldest || (t == oldest && e.getKey() < oldestNode)) {
                oldest = t;
                oldestNode = e.getKey();
            }
        }
        ArrayDeque<T> entries = byNode.get(oldestNode);
        entries.pollFirst();
        size--;
        dropped++;
        if (entries.isEmpty()) {
            byNode.remove(oldestNode);
        }
    }
}
