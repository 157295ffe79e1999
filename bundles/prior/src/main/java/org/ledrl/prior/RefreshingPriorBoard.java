package org.ledrl.prior;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.eval.ReflectiveMemory;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prior board: the latest prior per node, refreshed off the decision path. {@link #observe}
 * decides whether a node needs a fresh prior (none yet, every K slots, a failure or rejoin in its
 * neighbourhood, a large change in load) and asks the provider, never more than M requests at once;
 * {@link #latest} returns what is there, at once. Outcomes ({@link #onOutcome}) feed the prompt's
 * recent trend, network events ({@link #onEvent}) trigger refreshes, and a {@link ReflectiveMemory}
 * fills the prompt's memory section.
 *
 * <p>The board sees every agent's decisions ({@link #onDecision}) and every outcome, which no single agent does:
 * the trend of a prompt carries, per candidate node, what the whole network did with it in the window
 * ({@link PromptContext.NodeActivity}: inflow per slot and distinct senders, a forecast of herding; misses and
 * failures of the tasks that ran there).
 *
 * <p>Two forms with the same refresh logic:
 * <ul>
 * <li>{@link #simulated}: for a simulation's private, deterministic board. Time is the environment's
 * (the observations' clock); the provider is called synchronously in {@code observe}; its prior
 * becomes visible {@link RefreshPolicy#delayFor its latency} later on that clock (the LLM's), so training sees
 * priors as stale as live ones. Priors also appear when {@link #advanceTo} moves the clock. A new episode
 * ({@link #onEpisodeEnd}, or a clock that goes back) starts the board afresh. With the simulator:
 * {@code Runner.of(scenario, policy).priors(board).evaluator(board)}.</li>
 * <li>{@link #live}: for the runtime. Providers are called on an executor and their priors appear
 * when they complete (or are dropped after a timeout); a slow or dead LLM never delays a decision.</li>
 * </ul>
 * A provider without latency ({@link RefreshPolicy#isFresh}: the heuristic, which is no LLM) is different in both
 * forms: it is asked at every observation, on the caller's thread, and its prior is visible at once. Its priors are
 * fresh: built from everything the board knows when the decision reads them, the decisions other agents made
 * earlier in the same slot included ({@link PromptContext.NodeActivity#sentThisSlot}).
 * Thread-safe. Observations must come in time order.
 */
public final class RefreshingPriorBoard implements PriorBoard, Evaluator {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshingPriorBoard.class);
    private static final ReflectiveMemory NO_MEMORY = (observation, limit) -> List.of();

    /** Why a node's prior was refreshed. */
    public enum Trigger { INITIAL, PERIODIC, EVENT, LOAD_CHANGE, /** a provider without latency, every observation */ FRESH }

    /** Counters of a board, for tests and consoles. */
    public record Stats(long requested, long delivered, long throttled, long failed, int inFlight,
                        Map<Trigger, Long> byTrigger) {
    }

    private final PriorProvider provider;
    private final RefreshPolicy policy;
    private final ReflectiveMemory memory;
    private final Executor executor;        // null: simulated
    private final Duration requestTimeout;  // live only
    /** The provider answers at once: asked at every observation, its prior visible at once. */
    private final boolean fresh;
    private final long delayMillis;         // simulated only

    private final Map<Integer, StrategyPrior> latest = new ConcurrentHashMap<>();
    // everything below is guarded by this
    private final Map<Integer, NodeState> nodes = new HashMap<>();
    private final Map<Integer, Deque<Outcome>> outcomesByOrigin = new HashMap<>();
    private final Map<Integer, Deque<Outcome>> outcomesByExecutor = new HashMap<>();
    /** Per target node: the slot of each task sent there, oldest first; and who sent it. */
    private final Map<Integer, Deque<long[]>> dispatchesByTarget = new HashMap<>();
    private long firstSlot = Long.MIN_VALUE;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private final Map<Trigger, Long> byTrigger = new EnumMap<>(Trigger.class);
    private long now = Long.MIN_VALUE;
    private long sequence;
    private int inFlight;
    private long requested;
    private long delivered;
    private long throttled;
    private long failed;

    private RefreshingPriorBoard(PriorProvider provider, RefreshPolicy policy, ReflectiveMemory memory,
                                 Executor executor, Duration requestTimeout) {
        this.provider = Objects.requireNonNull(provider);
        this.policy = Objects.requireNonNull(policy);
        this.memory = memory == null ? NO_MEMORY : memory;
        this.executor = executor;
        this.requestTimeout = requestTimeout;
        this.fresh = policy.isFresh(provider.name());
        this.delayMillis = policy.delayFor(provider.name());
    }

    /** A simulation's board: simulated clock, synchronous provider calls, the delay applied on that clock. */
    public static RefreshingPriorBoard simulated(PriorProvider provider, RefreshPolicy policy, ReflectiveMemory memory) {
        return new RefreshingPriorBoard(provider, policy, memory, null, null);
    }

    /**
     * The runtime's board: asynchronous provider calls on {@code executor}, a request not answered
     * within {@code requestTimeout} is given up (its slot freed for the next request).
     */
    public static RefreshingPriorBoard live(PriorProvider provider, RefreshPolicy policy, ReflectiveMemory memory,
                                            Executor executor, Duration requestTimeout) {
        return new RefreshingPriorBoard(provider, policy, memory, Objects.requireNonNull(executor),
                Objects.requireNonNull(requestTimeout));
    }

    @Override
    public StrategyPrior latest(int node) {
        StrategyPrior prior = latest.get(node);
        return prior == null ? StrategyPrior.none(node) : prior;
    }

    @Override
    public void observe(Observation observation) {
        PromptContext context;
        synchronized (this) {
            if (executor == null && observation.timeMillis() < now) {
                reset(); // the simulated clock went back: a new episode
            }
            advance(observation.timeMillis());
            NodeState state = nodes.computeIfAbsent(observation.agent(), NodeState::new);
            Trigger trigger = fresh ? Trigger.FRESH : state.due(observation, policy);
            state.saw(observation);
            if (trigger == null) {
                return;
            }
            if (fresh) {
                requested++;
                byTrigger.merge(trigger, 1L, Long::sum);
                context = contextFor(observation);
            } else if (state.inFlight || inFlight >= policy.maxInFlight()) {
                if (!state.inFlight) {
                    throttled++;
                }
                // Remember an event so the next observation asks; slots and load are compared afresh anyway.
                state.eventPending |= trigger == Trigger.EVENT;
                return;
            } else {
                state.requested(observation, policy);
                inFlight++;
                requested++;
                byTrigger.merge(trigger, 1L, Long::sum);
                context = contextFor(observation);
            }
        }
        if (fresh) {
            askFresh(context);
        } else if (executor == null) {
            askNow(context);
        } else {
            askLater(context);
        }
    }

    /**
     * The prompt context the board would give a provider for {@code observation} now: the node's
     * trend and the reflective memory's lessons. For tools that ask a provider themselves.
     */
    public synchronized PromptContext contextFor(Observation observation) {
        return new PromptContext(observation, trend(observation), safeRecall(observation));
    }

    /** Moves the simulated clock to {@code timeMillis}, making priors due by then visible. */
    public synchronized void advanceTo(long timeMillis) {
        advance(timeMillis);
    }

    @Override
    public String name() {
        return "prior-board";
    }

    /** A task ended: it counts in its origin node's trend and in its executor's activity. */
    @Override
    public synchronized void onOutcome(Outcome outcome) {
        outcomesByOrigin.computeIfAbsent(outcome.task().origin(), k -> new ArrayDeque<>()).addLast(outcome);
        if (outcome.executor() >= 0) {
            recent(outcomesByExecutor.computeIfAbsent(outcome.executor(), k -> new ArrayDeque<>())).addLast(outcome);
        }
    }

    /** An agent decided: the task counts in its target's inflow. */
    @Override
    public synchronized void onDecision(Observation observation, Decision decision, long decisionNanos) {
        long slot = Math.floorDiv(observation.timeMillis(), policy.slotMillis());
        if (firstSlot == Long.MIN_VALUE || slot < firstSlot) {
            firstSlot = slot;
        }
        Deque<long[]> dispatches = dispatchesByTarget.computeIfAbsent(decision.target(), k -> new ArrayDeque<>());
        while (!dispatches.isEmpty() && dispatches.peekFirst()[0] < slot - policy.trendWindowSlots()) {
            dispatches.pollFirst(); // bounded by the window even for a node no prompt asks about
        }
        dispatches.addLast(new long[] {slot, observation.agent()});
    }

    /** A failure or recovery: every node that had the affected node in view asks for a fresh prior. */
    @Override
    public synchronized void onEvent(EnvironmentEvent event) {
        for (NodeState state : nodes.values()) {
            if (state.node == event.node() || state.node == event.peer() || state.sees(event.node())
                    || (event.peer() >= 0 && state.sees(event.peer()))) {
                state.eventPending = true;
            }
        }
    }

    /** A simulated episode ended: the next one starts with no priors, trend or pending requests. */
    @Override
    public synchronized void onEpisodeEnd(int episode) {
        if (executor == null) {
            reset();
        }
    }

    private void reset() {
        latest.clear();
        nodes.clear();
        outcomesByOrigin.clear();
        outcomesByExecutor.clear();
        dispatchesByTarget.clear();
        firstSlot = Long.MIN_VALUE;
        pending.clear();
        inFlight = 0;
        now = Long.MIN_VALUE;
    }

    public synchronized Stats stats() {
        return new Stats(requested, delivered, throttled, failed, inFlight, Map.copyOf(byTrigger));
    }

    public RefreshPolicy policy() {
        return policy;
    }

    /** The provider's answer, waited for; a failure is logged and is no prior. */
    private StrategyPrior proposeNow(PromptContext context) {
        try {
            return provider.propose(context).toCompletableFuture().join();
        } catch (RuntimeException e) {
            int node = context.observation().agent();
            LOG.warn("Provider {} failed for node {}: {}", provider.name(), node, e.toString());
            return StrategyPrior.none(node);
        }
    }

    /** A provider without latency: its answer is the node's prior at once. */
    private void askFresh(PromptContext context) {
        int node = context.observation().agent();
        StrategyPrior prior = proposeNow(context);
        synchronized (this) {
            if (prior == null || prior.isNone()) {
                failed++;
                latest.remove(node); // a fresh prior or none: never an old one passed off as fresh
            } else {
                delivered++;
                latest.put(node, prior);
            }
        }
    }

    private void askNow(PromptContext context) {
        int node = context.observation().agent();
        StrategyPrior prior = proposeNow(context);
        synchronized (this) {
            pending.add(new Pending(context.observation().timeMillis() + delayMillis, sequence++, node,
                    prior));
            advance(now);
        }
    }

    private void askLater(PromptContext context) {
        int node = context.observation().agent();
        try {
            executor.execute(() -> {
                CompletableFuture<StrategyPrior> answer;
                try {
                    answer = provider.propose(context).toCompletableFuture();
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
                answer.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((prior, error) -> completed(node, prior, error));
            });
        } catch (RuntimeException e) {
            completed(node, null, e);
        }
    }

    private synchronized void completed(int node, StrategyPrior prior, Throwable error) {
        NodeState state = nodes.get(node);
        state.inFlight = false;
        inFlight--;
        if (error != null) {
            LOG.warn("No prior for node {} from provider {}: {}", node, provider.name(),
                    error instanceof java.util.concurrent.TimeoutException
                            ? "no answer within " + requestTimeout.toMillis() + " ms" : error.toString());
            prior = null;
        }
        publish(node, prior);
    }

    /** Moves the clock and delivers the simulated priors that are due. */
    private void advance(long timeMillis) {
        now = Math.max(now, timeMillis);
        while (!pending.isEmpty() && pending.peek().visibleMillis <= now) {
            Pending p = pending.poll();
            nodes.get(p.node).inFlight = false;
            inFlight--;
            publish(p.node, p.prior);
        }
    }

    private void publish(int node, StrategyPrior prior) {
        if (prior == null || prior.isNone()) {
            failed++;
            if (!latest.containsKey(node)) {
                nodes.get(node).requestedSlot = Long.MIN_VALUE; // nothing to show yet: ask again at the next chance
            }
            return;
        }
        delivered++;
        latest.put(prior.node(), prior);
    }

    private List<org.ledrl.api.model.Reflection> safeRecall(Observation observation) {
        try {
            return memory.recall(observation, policy.memoryLimit());
        } catch (RuntimeException e) {
            LOG.warn("Reflective memory failed, the prompt goes without lessons: {}", e.toString());
            return List.of();
        }
    }

    private PromptContext.Trend trend(Observation observation) {
        Map<Integer, PromptContext.NodeActivity> activity = activity(observation);
        Deque<Outcome> outcomes = recent(outcomesByOrigin.get(observation.agent()));
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

    /** The outcomes of the window: older ones are dropped for good. */
    private Deque<Outcome> recent(Deque<Outcome> outcomes) {
        if (outcomes == null) {
            return new ArrayDeque<>();
        }
        long since = now - policy.trendWindowSlots() * policy.slotMillis();
        while (!outcomes.isEmpty() && outcomes.peekFirst().completedMillis() <= since) {
            outcomes.pollFirst();
        }
        return outcomes;
    }

    /** What all agents did with each candidate of {@code observation} in the window. */
    private Map<Integer, PromptContext.NodeActivity> activity(Observation observation) {
        long nowSlot = Math.floorDiv(now, policy.slotMillis());
        long fromSlot = nowSlot - policy.trendWindowSlots();
        // slots of the window that already happened in this run, so that an early inflow is not diluted
        long seenSlots = firstSlot == Long.MIN_VALUE ? 0 : Math.min(policy.trendWindowSlots(), nowSlot - firstSlot);
        Map<Integer, PromptContext.NodeActivity> activity = new HashMap<>();
        for (Candidate c : observation.candidates()) {
            int sent = 0;
            int sentThisSlot = 0;
            java.util.Set<Long> senders = new java.util.HashSet<>();
            Deque<long[]> dispatches = dispatchesByTarget.get(c.node());
            if (dispatches != null) {
                while (!dispatches.isEmpty() && dispatches.peekFirst()[0] < fromSlot) {
                    dispatches.pollFirst();
                }
                for (long[] d : dispatches) {
                    // the asking agent's own tasks come one a slot, never alongside its next one; this slot's
                    // decisions are still being made
                    if (d[0] < nowSlot && d[1] != observation.agent()) {
                        sent++;
                        senders.add(d[1]);
                    } else if (fresh && d[0] == nowSlot && d[1] != observation.agent()) {
                        sentThisSlot++; // read in this slot: the herding as it happens
                    }
                }
            }
            int executed = 0;
            int misses = 0;
            int failures = 0;
            for (Outcome o : recent(outcomesByExecutor.get(c.node()))) {
                executed++;
                if (o.failure() == FailureReason.DEADLINE_MISSED) {
                    misses++;
                } else if (!o.success()) {
                    failures++;
                }
            }
            if (sent > 0 || executed > 0 || sentThisSlot > 0) {
                activity.put(c.node(), new PromptContext.NodeActivity(seenSlots == 0 ? 0 : sent / (double) seenSlots,
                        senders.size(), executed, misses, failures, sentThisSlot));
            }
        }
        return activity;
    }

    /** A simulated prior waiting for its time. */
    private record Pending(long visibleMillis, long sequence, int node, StrategyPrior prior)
            implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(visibleMillis, o.visibleMillis);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    /** What the board remembers of one node's view, to tell when it changed enough to ask again. */
    private static final class NodeState {
        final int node;
        boolean inFlight;
        boolean eventPending;
        long requestedSlot = Long.MIN_VALUE;
        final Map<Integer, double[]> loadAtRequest = new HashMap<>();
        final Map<Integer, Boolean> availableLastSeen = new HashMap<>();
        final Map<Integer, Integer> failuresLastSeen = new HashMap<>();

        NodeState(int node) {
            this.node = node;
        }

        boolean sees(int other) {
            return availableLastSeen.containsKey(other);
        }

        Trigger due(Observation obs, RefreshPolicy policy) {
            if (requestedSlot == Long.MIN_VALUE) {
                return Trigger.INITIAL;
            }
            if (eventPending || changedHealth(obs)) {
                return Trigger.EVENT;
            }
            if (Math.floorDiv(obs.timeMillis(), policy.slotMillis()) - requestedSlot >= policy.everySlots()) {
                return Trigger.PERIODIC;
            }
            for (Candidate c : obs.candidates()) {
                double[] before = loadAtRequest.get(c.node());
                if (before != null && (changed(before[0], c.status().cpuLoad(), policy.loadChange())
                        || changed(before[1], c.status().queueSeconds(), policy.queueChangeS()))) {
                    return Trigger.LOAD_CHANGE;
                }
            }
            return null;
        }

        /** A candidate went down or came back, appeared or vanished, or reported a new failure. */
        private boolean changedHealth(Observation obs) {
            if (obs.candidates().size() != availableLastSeen.size()) {
                return true;
            }
            for (Candidate c : obs.candidates()) {
                Boolean before = availableLastSeen.get(c.node());
                Integer failures = failuresLastSeen.get(c.node());
                if (before == null || before != c.available()
                        || (failures != null && c.status().recentFailures() > failures)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean changed(double before, double after, double threshold) {
            return Double.isFinite(before) && Double.isFinite(after) && Math.abs(after - before) >= threshold;
        }

        void saw(Observation obs) {
            availableLastSeen.clear();
            failuresLastSeen.clear();
            for (Candidate c : obs.candidates()) {
                availableLastSeen.put(c.node(), c.available());
                failuresLastSeen.put(c.node(), c.status().recentFailures());
            }
        }

        void requested(Observation obs, RefreshPolicy policy) {
            inFlight = true;
            eventPending = false;
            requestedSlot = Math.floorDiv(obs.timeMillis(), policy.slotMillis());
            loadAtRequest.clear();
            for (Candidate c : obs.candidates()) {
                loadAtRequest.put(c.node(), new double[] {c.status().cpuLoad(), c.status().queueSeconds()});
            }
        }
    }
}
