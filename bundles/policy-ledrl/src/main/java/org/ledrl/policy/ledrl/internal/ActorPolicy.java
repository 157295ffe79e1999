package org.ledrl.policy.ledrl.internal;

import java.util.List;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.ml.MlRuntime;
import org.ledrl.api.policy.PriorConsumer;
import org.ledrl.policy.mappo.ActorEngine;
import org.ledrl.policy.mappo.ActorRun;
import org.ledrl.policy.mappo.CurvePoint;
import org.ledrl.policy.mappo.LearnedPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

/**
 * What the policies of this bundle share: an {@link ActorEngine} deciding with the prior it is given (the board's
 * latest, read by the caller), the priors they need, the training curve of their model, and the component life
 * cycle (configuration changes, deactivation; the bundle's bnd instructions let DS see these inherited methods).
 * A policy component only declares itself (name, PID) and passes its priors and model here.
 */
abstract class ActorPolicy implements PriorConsumer, LearnedPolicy, Evaluator {

    /**
     * The alignment actor trained with priors that arrive an LLM's delay late (ledrl, ledrl-no-reflection): without
     * an LLM, the heuristic standing in for one with the LLM's delay.
     */
    static final String ALIGNMENT_MODEL = "models/ledrl-paper";
    /** The alignment actor trained with fresh heuristic priors, read when it decides (ledrl-heuristic). */
    static final String HEURISTIC_ALIGNMENT_MODEL = "models/ledrl-heuristic-paper";
    /** The prior + MLP ablation's actor. */
    static final String PRIOR_MLP_MODEL = "models/mappo-prior-mlp-paper";

    private final String name;
    private final PriorNeeds needs;
    private final ActorEngine engine;
    /** The live decisions of this component, with what the agents did lately (a run gets its own: {@link #forRun}). */
    private final ActorRun live;

    ActorPolicy(String name, PriorNeeds needs, MlRuntime runtime, String shippedModel, ModelConfig config) {
        this.name = name;
        this.needs = needs;
        this.engine = new ActorEngine(name, runtime, new ActorEngine.Shipped(ActorPolicy.class.getClassLoader(),
                shippedModel + ".onnx", shippedModel + "-card.json", shippedModel + "-curve.csv"));
        this.live = new ActorRun(name, engine);
        configure(config);
    }

    @Modified
    final void configure(ModelConfig config) {
        engine.configure(config.modelFile(), config.cardFile(), config.checkSeconds());
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final PriorNeeds priorNeeds() {
        return needs;
    }

    @Override
    public final Decision decide(Observation observation, StrategyPrior prior) {
        return live.decide(observation, prior);
    }

    @Override
    public final OffloadingPolicy forRun(long seed) {
        return live.forRun(seed);
    }

    @Override
    public final void onOutcome(Outcome outcome) {
        live.onOutcome(outcome);
    }

    @Override
    public final List<CurvePoint> trainingCurve() {
        return engine.trainingCurve();
    }

    @Override
    public final List<CurvePoint> validationCurve() {
        return engine.validationCurve();
    }

    @Deactivate
    final void close() {
        engine.close();
    }
}
