package org.ledrl.policy.mappo.internal;

import java.util.List;
import java.util.Optional;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.ledrl.ml.MlRuntime;
import org.ledrl.policy.mappo.ActorEngine;
import org.ledrl.policy.mappo.ActorRun;
import org.ledrl.policy.mappo.CurvePoint;
import org.ledrl.policy.mappo.LearnedPolicy;
import org.ledrl.policy.mappo.ModelCard;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code mappo} policy: the MAPPO actor as an ONNX model, run with ONNX Runtime by an {@link ActorEngine}
 * (model swap without a restart, broken files refused with the reason). It reads no prior. With no model file
 * configured it uses the pre-trained model shipped in this bundle (trained on the paper's 10- and 20-node
 * scenarios; the bundle README says how to rebuild it).
 */
@Component(service = OffloadingPolicy.class, configurationPid = MappoPolicy.PID, immediate = true)
@PolicyName(MappoPolicy.NAME)
@Designate(ocd = MappoPolicy.Config.class)
public final class MappoPolicy implements OffloadingPolicy, LearnedPolicy, Evaluator {

    static final String NAME = "mappo";
    static final String PID = "org.ledrl.policy.mappo";
    static final ActorEngine.Shipped SHIPPED = new ActorEngine.Shipped(MappoPolicy.class.getClassLoader(),
            "models/mappo-paper.onnx", "models/mappo-paper-card.json", "models/mappo-paper-curve.csv");

    @ObjectClassDefinition(name = "LeDRL MAPPO policy",
            description = "Decides with a MAPPO actor exported to ONNX, run by ONNX Runtime.")
    public @interface Config {
        @AttributeDefinition(name = "Model file",
                description = "The actor's model.onnx. Empty: the pre-trained model shipped with the platform.")
        String modelFile() default "";

        @AttributeDefinition(name = "Model card",
                description = "The model's JSON card. Empty: model-card.json in the model's folder.")
        String cardFile() default "";

        @AttributeDefinition(name = "Check interval (s)",
                description = "How often the model and card files are checked for a new version; 0 turns it off.")
        int checkSeconds() default 2;
    }

    private final ActorEngine engine;
    /** The live decisions of this component, with what the agents did lately (a run gets its own: {@link #forRun}). */
    private final ActorRun live;

    @Activate
    public MappoPolicy(@Reference MlRuntime runtime, Config config) {
        this.engine = new ActorEngine(NAME, runtime, SHIPPED);
        this.live = new ActorRun(NAME, engine);
        modified(config);
    }

    @Modified
    void modified(Config config) {
        engine.configure(config.modelFile(), config.cardFile(), config.checkSeconds());
    }

    /** Reloads when the model or card file changed since the last attempt. */
    void checkFiles() {
        engine.checkFiles();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        return live.decide(observation, prior);
    }

    @Override
    public OffloadingPolicy forRun(long seed) {
        return live.forRun(seed);
    }

    @Override
    public void onOutcome(Outcome outcome) {
        live.onOutcome(outcome);
    }

    @Override
    public List<CurvePoint> trainingCurve() {
        return engine.trainingCurve();
    }

    @Override
    public List<CurvePoint> validationCurve() {
        return engine.validationCurve();
    }

    /** The card of the model decisions are made with now; empty before any model loaded. */
    Optional<ModelCard> activeCard() {
        return engine.activeCard();
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }
}
