package org.ledrl.sim.internal;

/**
 * The simulator's node queues: per node the end times of the tasks queued, running or on their way (a sorted ring
 * of at most {@code capacity}) and when its executor is next free. Arrays, no per-task objects.
 */
public final class NodeQueues {

    private final int capacity;
    private final double[] busyUntil;
    private final double[] ends;
    private final int[] head;
    private final int[] size;

    public NodeQueues(int nodes, int capacity) {
        this.capacity = capacity;
        this.busyUntil = new double[nodes];
        this.ends = new double[nodes * capacity];
        this.head = new int[nodes];
        this.size = new int[nodes];
    }

    /** Empties a node's queue; its executor is free from {@code freeAt}. */
    public void clear(int node, double freeAt) {
        busyUntil[node] = freeAt;
        head[node] = 0;
        size[node] = 0;
    }

    /** Every task there ended with the node's failure (decided at dispatch); the queue is empty. */
    public void failed(int node) {
        size[node] = 0;
    }

    public double busyUntil(int node) {
        return busyUntil[node];
    }

    public void busyUntil(int node, double until) {
        busyUntil[node] = until;
    }

    public int size(int node) {
        return size[node];
    }

    public boolean isFull(int node) {
        return size[node] >= capacity;
    }

    /** Drops the queue entries of tasks that ended by {@code now}. */
    public void pop(int node, double now) {
        int base = node * capacity;
        while (size[node] > 0 && ends[base + head[node]] <= now) {
            head[node] = (head[node] + 1) % capacity;
            size[node]--;
        }
    }

    /** Adds a task's end time, keeping the ring sorted (ends mostly arrive in order). */
    public void add(int node, double endTime) {
        int base = node * capacity;
        int n = size[node];
        int at = n;
        while (at > 0 && ends[base + (head[node] + at - 1) % capacity] > endTime) {
            ends[base + (head[node] + at) % capacity] = ends[base + (head[node] + at - 1) % capacity];
            at--;
        }
        ends[base + (head[node] + at) % capacity] = endTime;
        size[node] = n + 1;
    }
}
