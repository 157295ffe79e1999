package org.ledrl.prior;

import java.time.Duration;
import java.util.ArrayDeque;
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
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
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
 * (the observations' clock). The prompt is built and the provider answers it right after the decision that asked
 * ({@link #onDecision}, before that decision counts), or at the latest before the clock moves on; its prior becomes
 * visible {@link RefreshPolicy#delayFor its latency} later on that clock (the LLM's), so training sees priors as
 * stale as live ones. With no latency it is answered in {@code observe} and visible at once. A new episode
 * ({@link #onEpisodeEnd}, or a clock that goes back) starts the board afresh. With the simulator:
 * {@code Runner.of(scenario, policy).priors(board).evaluator(board)}.</li>
 * <li>{@link #live}: for the runtime. Prompts are built and providers called on an executor, and their priors appear
 * when they complete (or are dropped after a timeout); neither a slow LLM nor its prompt delays a decision.</li>
 * </ul>
 * A provider without latency ({@link RefreshPolicy#isFresh}: the heuristic, which is no LLM) is different in both
 * forms: it is asked at every observation, on the caller's thread, and its prior is visible at once. Its priors are
 * fresh: built from everything the board knows when the decision reads them, the decisions other agents made
 * earlier in the same slot included ({@link PromptContext.NodeActivity#sentThisSlot}).
 *
 * <p>Bounded for a board that runs for months: the outcome and dispatch histories keep the trend window only,
 * and each holds at most {@code historyCapacity} entries over all nodes (default {@value #DEFAULT_HISTORY_CAPACITY},
 * far above what a window holds on the shipped scenarios); beyond that the oldest are pushed out and counted
 * ({@link #buffers()}). Per-node state (priors, views) is bounded by the nodes of the network.
 * Thread-safe. Observations must come in time order.
 */
public final class RefreshingPriorBoard implements PriorBoard, Evaluator {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshingPriorBoard.class);
    private static final ReflectiveMemory NO_MEMORY = (observation, limit) -> List.of();
    /** Most entries each history keeps over all nodes unless told otherwise. */
    public static final int DEFAULT_HISTORY_CAPACITY = 65_536;

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
    private final BoardHistory history;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    /** Simulated: the requests, in order, whose prompt is not built and answered yet. */
    private final ArrayDeque<Asked> asked = new ArrayDeque<>();
    private final Map<Trigger, Long> byTrigger = new EnumMap<>(Trigger.class);
    private long now = Long.MIN_VALUE;
    private long sequence;
    private int inFlight;
    private long requested;
    private long delivered;
    private long throttled;
    private long failed;

    private RefreshingPriorBoard(PriorProvider provider, RefreshPolicy policy, ReflectiveMemory memory,
                                 Executor executor, Duration requestTimeout, int historyCapacity) {
        this.provider = Objects.requireNonNull(provider);
        this.policy = Objects.requireNonNull(policy);
        this.memory = memory == null ? NO_MEMORY : memory;
        this.executor = executor;
        this.requestTimeout = requestTimeout;
        this.fresh = policy.isFresh(provider.name());
        this.history = new BoardHistory(policy, fresh, historyCapacity);
        this.delayMillis = policy.delayFor(provider.name());
    }

    /** A simulation's board: simulated clock, synchronous provider calls, the delay applied on that clock. */
    public static RefreshingPriorBoard simulated(PriorProvider provider, RefreshPolicy policy, ReflectiveMemory memory) {
        return new RefreshingPriorBoard(provider, policy, memory, null, null, DEFAULT_HISTORY_CAPACITY);
    }

    /**
     * The runtime's board: asynchronous provider calls on {@code executor}, a request not answered
     * within {@code requestTimeout} is given up (its slot freed for the next request).
     */
    public static RefreshingPriorBoard live(PriorProvider provider, RefreshPolicy policy, ReflectiveMemory memory,
                                            Executor executor, Duration requestTimeout) {
        return live(provider, policy, memory, executor, requestTimeout, DEFAULT_HISTORY_CAPACITY);
    }

    /** The runtime's board with each history holding at most {@code historyCapacity} entries (1 or more). */
    public static RefreshingPriorBoard live(PriorProvider provider, RefreshPolicy policy, ReflectiveMemory memory,
                                            Executor executor, Duration requestTimeout, int historyCapacity) {
        return new RefreshingPriorBoard(provider, policy, memory, Objects.requireNonNull(executor),
                Objects.requireNonNull(requestTimeout), historyCapacity);
    }

    @Override
    public StrategyPrior latest(int node) {
        StrategyPrior prior = latest.get(node);
        return prior == null ? StrategyPrior.none(node) : prior;
    }

    @Override
    public void observe(Observation observation) {
        PromptContext context = null; // built here only for a provider that answers at once
        long asking = 0;
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
                if (executor == null && delayMillis == 0) {
                    context = contextFor(observation);
                    asking = sequence++;
                } else if (executor == null) {
                    asked.add(new Asked(observation, sequence++));
                }
            }
        }
        if (fresh) {
            askFresh(context);
        } else if (context != null) {
            askNow(context, asking);
            advanceTo(now); // visible at once
        } else if (executor != null) {
            askLater(observation);
        }
    }

    /**
     * The prompt context the board would give a provider for {@code observation} now: the node's
     * trend and the reflective memory's lessons. For tools that ask a provider themselves.
     */
    public synchronized PromptContext contextFor(Observation observation) {
        return new PromptContext(observation, history.trend(observation, now), safeRecall(observation));
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
        history.outcome(outcome, now);
    }

    /** An agent decided: the task counts in its target's inflow. */
    @Override
    public void onDecision(Observation observation, Decision decision, long decisionNanos) {
        answerAsked(); // before this decision counts in the trend: the prompt as it was when the agent asked
        synchronized (this) {
            history.decision(observation, decision);
        }
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
        asked.clear(); // requests of an episode that ended: never visible, so never answered
        latest.clear();
        nodes.clear();
        history.clear();
        pending.clear();
        inFlight = 0;
        now = Long.MIN_VALUE;
    }

    /** The outcome and dispatch histories: entries now, the bound, and how many were pushed out before their time. */
    public synchronized List<BufferStatus> buffers() {
        return history.buffers();
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

    /** The simulated provider's answer, visible after its delay; requests keep their order by {@code sequence}. */
    private void askNow(PromptContext context, long sequence) {
        int node = context.observation().agent();
        StrategyPrior prior = proposeNow(context);
        synchronized (this) {
            pending.add(new Pending(context.observation().timeMillis() + delayMillis, sequence, node, prior));
        }
    }

    /** Simulated: builds each request's prompt and has the provider answer it, in order (right after the decision
     * that asked, before it counts, the prompt is the one {@code observe} would have built). */
    private void answerAsked() {
        while (executor == null) { // a live board queues nothing: its deciding threads take no lock here
            Asked next;
            PromptContext context;
            synchronized (this) {
                next = asked.poll();
                if (next == null) {
                    return;
                }
                context = contextFor(next.observation());
            }
            askNow(context, next.sequence());
        }
    }

    /** Live: the prompt is built and answered on the executor, off the deciding thread. */
    private void askLater(Observation observation) {
        int node = observation.agent();
        try {
            executor.execute(() -> {
                CompletableFuture<StrategyPrior> answer;
                try {
                    answer = provider.propose(contextFor(observation)).toCompletableFuture();
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
        answerAsked(); // before any prior may become visible (a caller that never reports decisions)
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

    /** A simulated request: what the asking agent saw, and the request's place in line. */
    private record Asked(Observation observation, long sequence) {
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
}
