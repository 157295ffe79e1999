package org.ledrl.sim.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.ledrl.sim.Headroom;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;

/**
 * Watches a run on the simulator and judges every task by {@link Feasibility}: it keeps each task's observation
 * until every failure event that could fall into the task's windows has come (events reach evaluators before the
 * next slot's decisions, and no window outlasts the deadline), then asks the rule with the episode's failure draws.
 * Nothing it reads depends on the policy: availability, rates, estimates, arrivals, draws and failures are the same
 * for every policy on a seed (only queues differ, and the rule assumes them empty). The one exception: events after
 * the episode's last task ended never come, which can only keep a task feasible.
 *
 * <p>For one run at a time, on the run's thread; {@link #result} after the run.
 */
public final class HeadroomEvaluator implements Evaluator {

    private final Route[][] routes;
    private final FailureLog failures;
    private final Feasibility rule;
    private final Scenario.Failures settings;
    private final FaultProfile profile;
    private final long runSeed;
    private final long windowMillis;
    private final ArrayDeque<Observation> pending = new ArrayDeque<>();
    private final List<Headroom.Episode> episodes = new ArrayList<>();
    private final List<BitSet> feasibleIds = new ArrayList<>();
    private Losses losses;
    private BitSet feasible = new BitSet();
    private long tasks;
    private long feasibleCount;

    /**
     * @param scenario the scenario as the run's simulation is built from it (its seed is the run's seed)
     * @param runSeed  the run's seed, from which each episode's seed follows ({@link Runner#episodeSeed})
     */
    public HeadroomEvaluator(Scenario scenario, long runSeed) {
        Network net = new Network(scenario);
        this.routes = Route.all(net);
        this.failures = new FailureLog(net);
        this.settings = scenario.failures();
        this.profile = new FaultProfile(scenario, net);
        this.rule = new Feasibility(settings.retransmitTimeoutS());
        this.runSeed = runSeed;
        this.windowMillis = (long) Math.ceil(scenario.tasks().maxDeadlineS() * 1000) + 1;
        this.losses = new Losses(Runner.episodeSeed(runSeed, 0));
    }

    @Override
    public String name() {
        return "headroom";
    }

    @Override
    public void onDecision(Observation observation, Decision decision, long decisionNanos) {
        // every failure up to this slot has been seen: judge the tasks whose windows closed before it
        while (!pending.isEmpty() && pending.peekFirst().timeMillis() + windowMillis <= observation.timeMillis()) {
            judge(pending.pollFirst());
        }
        pending.addLast(observation);
    }

    @Override
    public void onOutcome(Outcome outcome) {
        // outcomes depend on the policy; the headroom does not
    }

    @Override
    public void onEvent(EnvironmentEvent event) {
        failures.record(event);
    }

    @Override
    public void onEpisodeEnd(int episode) {
        while (!pending.isEmpty()) {
            judge(pending.pollFirst());
        }
        episodes.add(new Headroom.Episode(tasks, feasibleCount));
        feasibleIds.add(feasible);
        feasible = new BitSet();
        tasks = 0;
        feasibleCount = 0;
        failures.clear();
        losses = new Losses(Runner.episodeSeed(runSeed, episodes.size()));
    }

    private void judge(Observation observation) {
        tasks++;
        if (rule.anywhere(observation, routes[observation.agent()], losses, failures)) {
            feasibleCount++;
            feasible.set(Math.toIntExact(observation.task().id()));
        }
    }

    /** The headroom of the episodes that ended. */
    public Headroom result() {
        return Headroom.of(episodes);
    }

    /** Whether task {@code taskId} of episode {@code episode} (ids count from 0 in each) could have succeeded. */
    public boolean feasible(int episode, long taskId) {
        return feasibleIds.get(episode).get(Math.toIntExact(taskId));
    }

    /** The failure draws of one episode, as the simulator draws them. */
    private final class Losses implements Feasibility.Losses {
        private final long seed;

        Losses(long seed) {
            this.seed = seed;
            profile.reset(seed);
        }

        @Override
        public boolean executionFails(Task task, int node) {
            return Draws.executionFails(seed, task.id(), profile.executionRate(node, task.arrivalMillis() / 1000.0));
        }

        @Override
        public int failedAttempts(Task task, int hop, int link) {
            double rate = profile.transmissionRate(link, task.arrivalMillis() / 1000.0);
            for (int attempt = 0; attempt <= settings.transmissionRetries(); attempt++) {
                if (!Draws.transmissionFails(seed, task.id(), hop, attempt, rate)) {
                    return attempt;
                }
            }
            return -1;
        }
    }
}
