package org.ledrl.sim;

import java.util.List;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.sim.internal.HeadroomEvaluator;

/**
 * An upper bound on the success rate of any policy on one scenario and seed: the share of tasks that could have
 * succeeded on some candidate even with an empty queue there, given the failures that actually happened. A task
 * counts when, at its arrival, some candidate is available (node and path up), meets the reliability threshold,
 * and would finish within the deadline (transfer, resends, compute) without its execution failing, a hop losing it,
 * or a node or link it needs failing meanwhile. The full rule is {@code org.ledrl.sim.internal.Feasibility}.
 *
 * <p>The simulator draws arrivals, link rates, node and link failures (Poisson processes on their own hash streams)
 * and execution and transmission failures (per task, hop and attempt) from the seed alone, never from decisions, so
 * the bound is the same for every policy: {@link #measure} runs the scenario once with every task kept at home and
 * judges every task. Same scenario and seed, same headroom, bit for bit.
 *
 * @param tasks    tasks that arrived, over the episodes
 * @param feasible of those, the ones that could have succeeded somewhere
 * @param episodes the same per episode, in order
 */
public record Headroom(long tasks, long feasible, List<Episode> episodes) {

    /** The run the headroom watches: any policy would do (the bound does not depend on it); this is the cheapest. */
    private static final OffloadingPolicy STAY_HOME = new OffloadingPolicy() {
        @Override
        public String name() {
            return "headroom";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            return Decision.of(observation.agent(), "headroom");
        }
    };

    /** One episode's count: {@code feasible} of {@code tasks} could have succeeded. */
    public record Episode(long tasks, long feasible) {

        public Episode {
            if (tasks < 0 || feasible < 0 || feasible > tasks) {
                throw new IllegalArgumentException("need 0 <= feasible <= tasks, not " + feasible + " of " + tasks);
            }
        }

        /** The share that could have succeeded; NaN without tasks. */
        public double rate() {
            return tasks == 0 ? Double.NaN : (double) feasible / tasks;
        }
    }

    public Headroom {
        if (tasks < 0 || feasible < 0 || feasible > tasks) {
            throw new IllegalArgumentException("need 0 <= feasible <= tasks, not " + feasible + " of " + tasks);
        }
        episodes = List.copyOf(episodes);
    }

    /** The total of some episodes. */
    public static Headroom of(List<Episode> episodes) {
        long tasks = 0;
        long feasible = 0;
        for (Episode episode : episodes) {
            tasks += episode.tasks();
            feasible += episode.feasible();
        }
        return new Headroom(tasks, feasible, episodes);
    }

    /** The share of all tasks that could have succeeded, the bound on a run's success rate; NaN without tasks. */
    public double rate() {
        return tasks == 0 ? Double.NaN : (double) feasible / tasks;
    }

    /**
     * The headroom of a run of {@code scenario} seeded {@code runSeed} over {@code episodes} episodes, as
     * {@link Runner} would run it.
     */
    public static Headroom measure(Scenario scenario, long runSeed, int episodes) {
        HeadroomEvaluator evaluator = new HeadroomEvaluator(scenario.withSeed(runSeed), runSeed);
        Runner.of(scenario, STAY_HOME).seed(runSeed).episodes(episodes).evaluator(evaluator).run();
        return evaluator.result();
    }
}
