package org.ledrl.prior;

import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.prior.PromptContext;

/**
 * What a prior board knows of the trend window: outcomes by origin and by executor, and dispatches by
 * target, each a bounded {@link NodeHistory}; and what a prompt's trend reads from them. Time is the
 * board's clock. Guarded by the board's lock.
 */
final class BoardHistory {

    private final RefreshPolicy policy;
    private final boolean fresh;
    private final NodeHistory<Outcome> outcomesByOrigin;
    private final NodeHistory<Outcome> outcomesByExecutor;
    /** Per target node: the slot of each task sent there, oldest first; and who sent it. */
    private final NodeHistory<long[]> dispatchesByTarget;
    private long firstSlot = Long.MIN_VALUE;
    /**
     * The senders of a candidate's dispatches in the window, while {@link #activity} counts them: it grows to the most
     * dispatches to one node in the window, at most the dispatch history's capacity.
     */
    private long[] senderScratch = new long[64];

    BoardHistory(RefreshPolicy policy, boolean fresh, int capacity) {
        this.policy = policy;
        this.fresh = fresh;
        this.outcomesByOrigin = new NodeHistory<>("prior-board.outcomes-by-origin", capacity, Outcome::completedMillis);
        this.outcomesByExecutor = new NodeHistory<>("prior-board.outcomes-by-executor", capacity,
                Outcome::completedMillis);
        this.dispatchesByTarget = new NodeHistory<>("prior-board.dispatches", capacity, d -> d[0]);
    }

    /** A task ended: it counts in its origin node's trend and in its executor's activity. */
    void outcome(Outcome outcome, long now) {
        // trimming before adding changes nothing a reader sees (the window only moves forward) and keeps the
        // history small for a node no prompt asks about
        outcomesByOrigin.trimThrough(outcome.task().origin(), windowStart(now));
        outcomesByOrigin.add(outcome.task().origin(), outcome);
        if (outcome.executor() >= 0) {
            outcomesByExecutor.trimThrough(outcome.executor(), windowStart(now));
            outcomesByExecutor.add(outcome.executor(), outcome);
        }
    }

    /** An agent decided: the task counts in its target's inflow. */
    void decision(Observation observation, Decision decision) {
        long slot = Math.floorDiv(observation.timeMillis(), policy.slotMillis());
        if (firstSlot == Long.MIN_VALUE || slot < firstSlot) {
            firstSlot = slot;
        }
        // bounded by the window even for a node no prompt asks about
        dispatchesByTarget.trimThrough(decision.target(), slot - policy.trendWindowSlots() - 1);
        dispatchesByTarget.add(decision.target(), new long[] {slot, observation.agent()});
    }

    void clear() {
        outcomesByOrigin.clear();
        outcomesByExecutor.clear();
        dispatchesByTarget.clear();
        firstSlot = Long.MIN_VALUE;
    }

    List<BufferStatus> buffers() {
        return List.of(outcomesByOrigin.status(), outcomesByExecutor.status(), dispatchesByTarget.status());
    }

    PromptContext.Trend trend(Observation observation, long now) {
        Map<Integer, PromptContext.NodeActivity> activity = activity(observation, now);
        Deque<Outcome> outcomes = outcomesByOrigin.trimThrough(observation.agent(), windowStart(now));
        int tasks = 0;
        int successes = 0;
        double latency = 0;
        Map<FailureReason, Integer> failures = new EnumMap<>(FailureReason.class);
        for (Outcome o : outcomes) {
            tasks++;
            latency += o.latencyS();
            if (o.success()) {
                successes++;
            } else {
                failures.merge(o.failure(), 1, Integer::sum);
            }
        }
        return tasks == 0
                ? new PromptContext.Trend(policy.trendWindowSlots(), 0, Double.NaN, Double.NaN, Map.of(), activity)
                : new PromptContext.Trend(policy.trendWindowSlots(), tasks, successes / (double) tasks,
                latency / tasks, failures, activity);
    }

    /** Outcomes completed at or before this are out of the window (and dropped for good). */
    private long windowStart(long now) {
        return now - policy.trendWindowSlots() * policy.slotMillis();
    }

    /**
     * How many different values the first {@code count} of {@code values} hold (it sorts them). Counting the senders
     * this way boxes nothing: a set of them took about 6% of an experiment of the heuristic-prior policy.
     */
    static int distinct(long[] values, int count) {
        Arrays.sort(values, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** What all agents did with each candidate of {@code observation} in the window. */
    private Map<Integer, PromptContext.NodeActivity> activity(Observation observation, long now) {
        long nowSlot = Math.floorDiv(now, policy.slotMillis());
        long fromSlot = nowSlot - policy.trendWindowSlots();
        // slots of the window that already happened in this run, so that an early inflow is not diluted
        long seenSlots = firstSlot == Long.MIN_VALUE ? 0 : Math.min(policy.trendWindowSlots(), nowSlot - firstSlot);
        Map<Integer, PromptContext.NodeActivity> activity = new HashMap<>();
        for (Candidate c : observation.candidates()) {
            int sent = 0;
            int sentThisSlot = 0;
            for (long[] d : dispatchesByTarget.trimThrough(c.node(), fromSlot - 1)) {
                // the asking agent's own tasks come one a slot, never alongside its next one; this slot's
                // decisions are still being made
                if (d[0] < nowSlot && d[1] != observation.agent()) {
                    if (sent == senderScratch.length) {
                        senderScratch = Arrays.copyOf(senderScratch, 2 * sent);
                    }
                    senderScratch[sent++] = d[1];
                } else if (fresh && d[0] == nowSlot && d[1] != observation.agent()) {
                    sentThisSlot++; // read in this slot: the herding as it happens
                }
            }
            int executed = 0;
            int misses = 0;
            int failures = 0;
            for (Outcome o : outcomesByExecutor.trimThrough(c.node(), windowStart(now))) {
                executed++;
                if (o.failure() == FailureReason.DEADLINE_MISSED) {
                    misses++;
                } else if (!o.success()) {
                    failures++;
                }
            }
            if (sent > 0 || executed > 0 || sentThisSlot > 0) {
                activity.put(c.node(), new PromptContext.NodeActivity(seenSlots == 0 ? 0 : sent / (double) seenSlots,
                        distinct(senderScratch, sent), executed, misses, failures, sentThisSlot));
            }
        }
        return activity;
    }
}
