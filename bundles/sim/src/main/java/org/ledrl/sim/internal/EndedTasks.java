package org.ledrl.sim.internal;

import java.util.Arrays;
import java.util.List;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;

/**
 * Tasks whose end is decided but not yet handed out, filed by the slot they end in: a pool of records (arrays,
 * reused) and a calendar of {@code horizonSlots} buckets, enough since every task ends by its deadline. Memory is
 * bounded by the tasks in flight; an outcome is handed out once and not kept.
 */
public final class EndedTasks {

    private final double slotS;
    private final int horizonSlots;
    private Task[] task = new Task[64];
    private int[] executor = new int[64];
    private int[] hops = new int[64];
    private FailureReason[] reason = new FailureReason[64];
    private double[] arrival = new double[64];
    private double[] end = new double[64];
    private double[] reliability = new double[64];
    private int[] free = new int[64];
    private int freeCount;
    private int poolSize;
    private int pending;
    private final int[][] calendar;
    private final int[] calendarSize;

    public EndedTasks(double slotS, int horizonSlots) {
        this.slotS = slotS;
        this.horizonSlots = horizonSlots;
        this.calendar = new int[horizonSlots][16];
        this.calendarSize = new int[horizonSlots];
    }

    public void clear() {
        Arrays.fill(calendarSize, 0);
        Arrays.fill(task, null);
        poolSize = 0;
        freeCount = 0;
        pending = 0;
    }

    /** Tasks filed and not yet handed out. */
    public int pending() {
        return pending;
    }

    /** Files the end of {@code t}, which arrived at {@code arrivalS}, for the slot of {@code endTime}. */
    public void add(Task t, int executorNode, int hopCount, FailureReason why, double arrivalS, double endTime,
                    double runReliability) {
        int record = freeCount > 0 ? free[--freeCount] : poolSize++;
        if (record >= task.length) {
            int size = task.length * 2;
            task = Arrays.copyOf(task, size);
            executor = Arrays.copyOf(executor, size);
            hops = Arrays.copyOf(hops, size);
            reason = Arrays.copyOf(reason, size);
            arrival = Arrays.copyOf(arrival, size);
            end = Arrays.copyOf(end, size);
            reliability = Arrays.copyOf(reliability, size);
            free = Arrays.copyOf(free, size);
        }
        task[record] = t;
        executor[record] = executorNode;
        hops[record] = hopCount;
        reason[record] = why;
        arrival[record] = arrivalS;
        end[record] = endTime;
        reliability[record] = runReliability;
        int bucket = (int) (Math.floor(endTime / slotS) % horizonSlots);
        if (calendarSize[bucket] == calendar[bucket].length) {
            calendar[bucket] = Arrays.copyOf(calendar[bucket], calendarSize[bucket] * 2);
        }
        calendar[bucket][calendarSize[bucket]++] = record;
        pending++;
    }

    /** Hands out the outcomes of tasks that ended during slot {@code s}. */
    public void collect(int s, double latencyWeight, List<Outcome> outcomes) {
        int bucket = s % horizonSlots;
        for (int k = 0; k < calendarSize[bucket]; k++) {
            int r = calendar[bucket][k];
            Task t = task[r];
            double latency = end[r] - arrival[r];
            boolean success = reason[r].isSuccess();
            double reward = (success ? 1.0 : -1.0) - latencyWeight * Math.min(1.0, latency / t.deadlineS());
            outcomes.add(new Outcome(t, executor[r], hops[r], reason[r], latency, reliability[r],
                    SimTime.millis(end[r]), reward));
            task[r] = null;
            free[freeCount++] = r;
            pending--;
        }
        calendarSize[bucket] = 0;
    }
}
