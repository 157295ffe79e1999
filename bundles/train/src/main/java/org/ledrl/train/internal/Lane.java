package org.ledrl.train.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ledrl.api.env.EdgeEnvironment;
import org.ledrl.api.env.Slot;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.policy.mappo.RecentActivity;
import org.ledrl.sim.Simulation;

/**
 * One episode among those run side by side: its environment, seed, prior board and what its agents did lately
 * ({@link RecentActivity}, as a run of the policy keeps it), its random actions and its rollout. Everything an episode
 * owns is here, so lanes never share state and an episode's result does not depend on the lanes beside it.
 */
final class Lane {

    final EdgeEnvironment environment;
    final long seed;
    final PriorBoard board;
    final RecentActivity activity = new RecentActivity();
    final Random random;
    final Rollout rollout = new Rollout();
    final int nodes;
    /** The episode's length in slots when the environment says (the simulator does); 0 when unknown. */
    final int slots;
    /** What watches the episode as in a run: the board (it counts inflows) and, when there is one, the memory. */
    private final List<Evaluator> watchers = new ArrayList<>(2);
    Slot slot;

    Lane(EdgeEnvironment environment, long seed, TrainingPriors.Episode priors) {
        this.environment = environment;
        this.seed = seed;
        this.board = priors.board();
        this.random = new Random(seed);
        this.nodes = environment.topology().size();
        this.slots = environment instanceof Simulation s ? s.scenario().slots() : 0;
        if (board instanceof Evaluator e) {
            watchers.add(e);
        }
        if (priors.memory() != null) {
            watchers.add(priors.memory());
        }
    }

    void reset() {
        slot = environment.reset(seed);
    }

    /** Takes in the slot's events and outcomes; true when the episode is over. */
    boolean absorb() {
        for (EnvironmentEvent event : slot.events()) {
            for (Evaluator watcher : watchers) {
                watcher.onEvent(event);
            }
        }
        for (Outcome outcome : slot.outcomes()) {
            rollout.ended(outcome);
            activity.onOutcome(outcome);
            for (Evaluator watcher : watchers) {
                watcher.onOutcome(outcome);
            }
        }
        if (slot.done()) {
            activity.onEpisodeEnd(0);
            return true;
        }
        return false;
    }

    List<Observation> observations() {
        return slot.observations();
    }

    /** The watchers' decision hook: the board counts every agent's inflow, as in a run. */
    void decided(Observation observation, Decision decision) {
        for (Evaluator watcher : watchers) {
            watcher.onDecision(observation, decision, 0);
        }
    }

    /** Share of the episode still to come at the current slot, in [0,1]; 0 when the length is unknown. */
    float timeLeft() {
        return slots <= 0 ? 0f : Math.max(0f, 1f - slot.index() / (float) slots);
    }
}
