package org.ledrl.sim;

import java.util.ArrayList;
import java.util.List;
import org.ledrl.api.env.Slot;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.metrics.RunMetrics;

/**
 * Runs one policy on one scenario for one seed and N episodes, and measures it. The simulate and
 * experiment commands use it; so can tests and notebooks.
 *
 * <pre>{@code
 * RunResult result = Runner.of(scenario, policy).seed(7).episodes(10)
 *         .evaluator(reflective).trace(trace).progress(bar::update).run();
 * }</pre>
 *
 * Episode {@code e} is seeded from the run's seed and {@code e}; the topology from the run's seed.
 * A policy that decides task by task reads its prior when it decides, as the live decision service
 * does: a prior board without latency then sees the decisions made earlier in the slot. Its decision
 * time is measured with {@link System#nanoTime} around reading the prior and {@link OffloadingPolicy#decide}.
 * A policy that decides a whole slot at once ({@link OffloadingPolicy#decideSlot} overridden) gets
 * every prior of the slot first, is timed per slot, and each of its decisions is charged the slot's
 * time divided by its tasks.
 *
 * <p>A policy's exception is not caught: it ends the run and reaches the caller. A policy gets
 * {@link OffloadingPolicy#forRun(long)} with the run's seed; a run copy that is also an {@link Evaluator} watches the
 * run like the evaluators (decisions, outcomes, events, episode ends). A runner is configured then run once
 * at a time; it holds no state between runs.
 */
public final class Runner {

    private final Scenario scenario;
    private final OffloadingPolicy policy;
    private long seed;
    private int episodes;
    private final List<Evaluator> evaluators = new ArrayList<>();
    private PriorBoard priors;
    private TraceSink trace = TraceSink.NONE;
    private RunProgress progress = RunProgress.NONE;

    private Runner(Scenario scenario, OffloadingPolicy policy) {
        this.scenario = scenario;
        this.policy = policy;
        this.seed = scenario.seed();
        this.episodes = scenario.episodes();
    }

    /** A run of {@code policy} on {@code scenario} with the scenario's seed and episodes. */
    public static Runner of(Scenario scenario, OffloadingPolicy policy) {
        return new Runner(scenario, policy);
    }

    public Runner seed(long runSeed) {
        this.seed = runSeed;
        return this;
    }

    public Runner episodes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a run needs at least one episode, not " + count);
        }
        this.episodes = count;
        return this;
    }

    /** Adds an evaluator that sees every decision, outcome, event and episode end. */
    public Runner evaluator(Evaluator evaluator) {
        evaluators.add(evaluator);
        return this;
    }

    public Runner evaluators(List<? extends Evaluator> more) {
        evaluators.addAll(more);
        return this;
    }

    /** Where decisions get their priors; without one every decision gets {@link StrategyPrior#none}. */
    public Runner priors(PriorBoard board) {
        this.priors = board;
        return this;
    }

    public Runner trace(TraceSink sink) {
        this.trace = sink;
        return this;
    }

    public Runner progress(RunProgress listener) {
        this.progress = listener;
        return this;
    }

    /** Runs every episode and returns the measured result. */
    public RunResult run() {
        Scenario seeded = scenario.withSeed(seed).withEpisodes(episodes);
        Simulation simulation = new Simulation(seeded);
        OffloadingPolicy runPolicy = policy.forRun(seed);
        boolean joint = decidesJointly(runPolicy);
        int nodes = simulation.topology().size();
        PriorSource priorSource = priors == null ? new NoPriors(nodes) : new BoardPriors(priors);
        RunMetrics metrics = new RunMetrics();
        List<Evaluator> all = new ArrayList<>(evaluators.size() + 1);
        all.add(metrics);
        all.addAll(evaluators);
        if (runPolicy instanceof Evaluator watching) {
            all.add(watching); // a policy that learns from its run's outcomes (e.g. what the agents did lately)
        }
        Evaluator[] watchers = all.toArray(new Evaluator[0]);
        long totalSlots = (long) episodes * seeded.slots();
        long slotsDone = 0;
        long tasks = 0;
        long successes = 0;
        metrics.restartClock();
        for (int episode = 0; episode < episodes; episode++) {
            Slot slot = simulation.reset(episodeSeed(seed, episode));
            while (true) {
                for (EnvironmentEvent event : slot.events()) {
                    for (Evaluator watcher : watchers) {
                        watcher.onEvent(event);
                    }
                    trace.event(episode, event);
                }
                for (Outcome outcome : slot.outcomes()) {
                    for (Evaluator watcher : watchers) {
                        watcher.onOutcome(outcome);
                    }
                    trace.outcome(episode, outcome);
                    tasks++;
                    if (outcome.success()) {
                        successes++;
                    }
                }
                if (slot.done()) {
                    break;
                }
                List<Observation> observations = slot.observations();
                List<Decision> decisions = joint ? decideSlot(runPolicy, observations, priorSource, watchers)
                        : decideEach(runPolicy, observations, priorSource, watchers);
                slot = simulation.step(decisions);
                progress.update(++slotsDone, totalSlots, tasks, successes);
            }
            for (Evaluator watcher : watchers) {
                watcher.onEpisodeEnd(episode);
            }
        }
        return new RunResult(seeded, runPolicy.name(), seed, nodes, metrics.total(), metrics.episodes(),
                metrics.nodes(), metrics.latencyHistogram());
    }

    /** The seed of episode {@code episode} of a run seeded {@code runSeed}. */
    public static long episodeSeed(long runSeed, int episode) {
        return org.ledrl.sim.internal.Mix.hash(runSeed, 0xE915_0DEL, episode);
    }

    private static List<Decision> decideEach(OffloadingPolicy policy, List<Observation> observations,
                                             PriorSource priors, Evaluator[] watchers) {
        List<Decision> decisions = new ArrayList<>(observations.size());
        for (Observation observation : observations) {
            long start = System.nanoTime();
            Decision decision = policy.decide(observation, priors.priorFor(observation));
            long nanos = System.nanoTime() - start;
            decisions.add(decision);
            for (Evaluator watcher : watchers) {
                watcher.onDecision(observation, decision, nanos);
            }
        }
        return decisions;
    }

    private static List<Decision> decideSlot(OffloadingPolicy policy, List<Observation> observations,
                                             PriorSource source, Evaluator[] watchers) {
        if (observations.isEmpty()) {
            return List.of();
        }
        List<StrategyPrior> priors = new ArrayList<>(observations.size());
        for (Observation observation : observations) {
            priors.add(source.priorFor(observation));
        }
        long start = System.nanoTime();
        List<Decision> decisions = policy.decideSlot(observations, List.copyOf(priors));
        long each = (System.nanoTime() - start) / observations.size();
        if (decisions.size() != observations.size()) {
            throw new IllegalStateException("policy " + policy.name() + " answered " + decisions.size()
                    + " decisions for " + observations.size() + " tasks");
        }
        for (int i = 0; i < observations.size(); i++) {
            for (Evaluator watcher : watchers) {
                watcher.onDecision(observations.get(i), decisions.get(i), each);
            }
        }
        return decisions;
    }

    /** Whether the policy overrides decideSlot, i.e. assigns a slot's tasks together. */
    static boolean decidesJointly(OffloadingPolicy policy) {
        try {
            return policy.getClass().getMethod("decideSlot", List.class, List.class).getDeclaringClass()
                    != OffloadingPolicy.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Where a decision's prior comes from. */
    private interface PriorSource {
        StrategyPrior priorFor(Observation observation);
    }

    /** No board: the null prior of each node, made once. */
    private static final class NoPriors implements PriorSource {
        private final StrategyPrior[] none;

        NoPriors(int nodes) {
            none = new StrategyPrior[nodes];
            for (int i = 0; i < nodes; i++) {
                none[i] = StrategyPrior.none(i);
            }
        }

        @Override
        public StrategyPrior priorFor(Observation observation) {
            return none[observation.agent()];
        }
    }

    private static final class BoardPriors implements PriorSource {
        private final PriorBoard board;

        BoardPriors(PriorBoard board) {
            this.board = board;
        }

        @Override
        public StrategyPrior priorFor(Observation observation) {
            board.observe(observation);
            return board.latest(observation.agent());
        }
    }
}
