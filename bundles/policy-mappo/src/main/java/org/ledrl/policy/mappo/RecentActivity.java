package org.ledrl.policy.mappo;

import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;

/**
 * What the agents of one run did lately, as a learned policy observes it ({@link ObservationEncoder#ACTIVITY_FEATURES}):
 * the tasks already sent to each node in the current slot and the compute time they take there (the herding a single
 * observation cannot show: every agent of a slot sees the same queues), each node's usual inflow per slot, and how
 * the tasks an agent sent to a node recently ended. The heuristic prior is strong because its board sees the first
 * two; here any learned policy does.
 *
 * <p>A slot is {@link #SLOT_MILLIS}: decisions within it of the newest decision count as "this slot" (in the simulator
 * every observation of a slot carries the slot's start). The policy records its own decisions ({@link #sent}); it
 * hears outcomes as an {@link Evaluator} of its run, and forgets everything at the end of an episode, so that a
 * training episode and an evaluation episode start alike.
 *
 * <p>Bounded for a gateway that runs for months: node ids from 0 to {@value #MAX_NODE} are tracked (others are
 * counted in {@link #dropped()} and read as no activity), and at most {@value #MAX_PAIRS} (agent, node) outcome
 * histories are kept (a new pair beyond that is counted and not kept). Thread-safe; calls take microseconds.
 */
public final class RecentActivity implements Evaluator {

    /** Length of a slot, as in the simulator. */
    public static final long SLOT_MILLIS = 1_000;
    /** The largest node id tracked. */
    public static final int MAX_NODE = 4_095;
    /** The most (agent, node) outcome histories kept. */
    public static final int MAX_PAIRS = 16_384;
    /** Weight of the newest slot in the usual inflow, and of the newest outcome in a pair's success rate. */
    static final double INFLOW_WEIGHT = 0.2;
    static final double OUTCOME_WEIGHT = 0.2;
    /** Slots folded into the inflow when time jumps: after that many the inflow is as good as zero anyway. */
    private static final int MAX_SLOTS_FOLDED = 64;

    private final int[] sentCount = new int[MAX_NODE + 1];
    private final double[] sentWork = new double[MAX_NODE + 1];
    private final double[] inflow = new double[MAX_NODE + 1];
    /** Nodes with a non-zero count or inflow, to fold and clear without scanning every id. */
    private final boolean[] touched = new boolean[MAX_NODE + 1];
    private final int[] touchedNodes = new int[MAX_NODE + 1];
    private int touchedCount;
    private final PairHistories outcomes = new PairHistories(MAX_PAIRS);
    private long slotStart = Long.MIN_VALUE;
    private long dropped;
    private final boolean idle;

    /** A fresh record, for one run (or one live decision service). */
    public RecentActivity() {
        this(false);
    }

    private RecentActivity(boolean idle) {
        this.idle = idle;
    }

    /** No activity at all, shared: it ignores what it is told (for a caller that tracks none). */
    public static final RecentActivity IDLE = new RecentActivity(true);

    @Override
    public String name() {
        return "recent-activity";
    }

    /**
     * Records that the task of {@code observation} was sent to candidate {@code index}, which takes its compute time
     * there: it is ahead of the tasks sent there after it in this slot.
     */
    public synchronized void sent(Observation observation, int index) {
        if (idle) {
            return;
        }
        roll(observation.timeMillis());
        Candidate target = observation.candidates().get(index);
        int node = target.node();
        if (!tracked(node)) {
            dropped++;
            return;
        }
        touch(node);
        sentCount[node]++;
        double compute = target.computeSeconds(observation.task());
        sentWork[node] += Double.isFinite(compute) ? compute : 0;
    }

    /**
     * The activity figures about candidate {@code c} for a task decided at {@code timeMillis} by {@code agent}: tasks
     * sent there this slot, their compute seconds there, the usual inflow per slot, and this agent's recent success
     * rate and decayed task count there.
     */
    public synchronized Figures figures(int agent, long timeMillis, Candidate c) {
        int node = c.node();
        int history = outcomes.find(pair(agent, node));
        double success = history < 0 ? 0.5 : outcomes.success(history);
        double count = history < 0 ? 0 : outcomes.count(history);
        if (!tracked(node)) {
            return new Figures(0, 0, 0, success, count);
        }
        long ended = slotsEnded(timeMillis);
        if (ended == 0) {
            return new Figures(sentCount[node], sentWork[node], inflow[node], success, count);
        }
        // a new slot whose first decision is not recorded yet: what the current counts will have become
        return new Figures(0, 0, folded(node, ended), success, count);
    }

    /** A candidate's activity: see {@link #figures}. */
    public record Figures(int sentThisSlot, double workThisSlotS, double inflowPerSlot, double recentSuccess,
                          double recentTasks) {
    }

    @Override
    public synchronized void onOutcome(Outcome outcome) {
        if (idle) {
            return;
        }
        int history = outcomes.findOrAdd(pair(outcome.task().origin(), outcome.executor()));
        if (history < 0) {
            dropped++; // MAX_PAIRS histories kept already
            return;
        }
        outcomes.record(history, outcome.success(), OUTCOME_WEIGHT);
    }

    @Override
    public synchronized void onEpisodeEnd(int episode) {
        for (int i = 0; i < touchedCount; i++) {
            int node = touchedNodes[i];
            sentCount[node] = 0;
            sentWork[node] = 0;
            inflow[node] = 0;
            touched[node] = false;
        }
        touchedCount = 0;
        outcomes.clear();
        slotStart = Long.MIN_VALUE;
    }

    /** Decisions about nodes beyond {@value #MAX_NODE} and outcome pairs beyond {@value #MAX_PAIRS}, not kept. */
    public synchronized long dropped() {
        return dropped;
    }

    /** (agent, node) outcome histories kept now, at most {@value #MAX_PAIRS}. */
    public synchronized int pairs() {
        return outcomes.size();
    }

    /** Starts a new slot when {@code now} is past the current one, folding the slots that ended into the inflow. */
    private void roll(long now) {
        if (slotStart == Long.MIN_VALUE) {
            slotStart = now;
            return;
        }
        long ended = slotsEnded(now);
        if (ended == 0) {
            return;
        }
        for (int i = 0; i < touchedCount; i++) {
            int node = touchedNodes[i];
            inflow[node] = folded(node, ended);
            sentCount[node] = 0;
            sentWork[node] = 0;
        }
        slotStart = now;
    }

    /** Slots that ended between the current slot's start and {@code now} (0: still the same slot). */
    private long slotsEnded(long now) {
        if (slotStart == Long.MIN_VALUE || now < slotStart + SLOT_MILLIS) {
            return 0;
        }
        return Math.min(MAX_SLOTS_FOLDED, (now - slotStart) / SLOT_MILLIS);
    }

    /** The inflow of {@code node} once the current slot and {@code ended - 1} empty ones are folded in. */
    private double folded(int node, long ended) {
        double value = (1 - INFLOW_WEIGHT) * inflow[node] + INFLOW_WEIGHT * sentCount[node];
        return value * Math.pow(1 - INFLOW_WEIGHT, ended - 1);
    }

    private void touch(int node) {
        if (!touched[node]) {
            touched[node] = true;
            touchedNodes[touchedCount++] = node;
        }
    }

    private static boolean tracked(int node) {
        return node >= 0 && node <= MAX_NODE;
    }

    /**
     * The key of an (agent, node) history: the pair packed into a long, times an odd constant (a bijection, so keys
     * stay unique) that spreads the pair over all 64 bits. Packed alone, a key's {@code Long.hashCode} is
     * {@code agent ^ node}: the 400 pairs of 20 agents and 20 nodes fell on 32 hash values, and every lookup walked
     * a tree of colliding keys.
     */
    static long pair(int agent, int node) {
        return (((long) agent << 32) | (node & 0xFFFF_FFFFL)) * 0x9E3779B97F4A7C15L;
    }
}
