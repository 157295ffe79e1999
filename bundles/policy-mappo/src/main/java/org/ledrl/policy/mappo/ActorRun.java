package org.ledrl.policy.mappo;

import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;

/**
 * One run of an ONNX actor policy ({@link OffloadingPolicy#forRun}): the policy's engine with a {@link RecentActivity}
 * of its own, so that runs side by side never see each other's tasks. It watches its run as an {@link Evaluator}
 * (the simulator's runner adds a policy that is one), hearing outcomes and episode ends.
 */
public final class ActorRun implements OffloadingPolicy, Evaluator {

    private final String name;
    private final ActorEngine engine;
    private final RecentActivity activity = new RecentActivity();

    public ActorRun(String name, ActorEngine engine) {
        this.name = name;
        this.engine = engine;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        return engine.decide(observation, prior, activity);
    }

    @Override
    public OffloadingPolicy forRun(long seed) {
        return new ActorRun(name, engine);
    }

    @Override
    public void onOutcome(Outcome outcome) {
        activity.onOutcome(outcome);
    }

    @Override
    public void onEpisodeEnd(int episode) {
        activity.onEpisodeEnd(episode);
    }
}
