package org.ledrl.policy.mappo.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.internal.StandaloneRuntime;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.policy.mappo.ModelCard;
import org.ledrl.policy.mappo.ObservationEncoder;

/** Shared test material: a runtime, small exported actors with cards, observations. */
final class Fixtures {

    static final MlRuntime RUNTIME = new StandaloneRuntime(
            Path.of(System.getProperty("DJL_CACHE_DIR", System.getProperty("user.home") + "/.djl.ai")), 1);

    private Fixtures() {
    }

    /** Writes {@code dir/model.onnx} and {@code dir/model-card.json}: a fresh actor for {@code maxNodes} tokens. */
    static Path exportActor(Path dir, int maxNodes, long seed) throws IOException {
        ObservationEncoder encoder = new ObservationEncoder(maxNodes);
        NetworkSpec spec = new NetworkSpec(maxNodes, encoder.features(), 8, 16, 4, 0.0);
        Path model = dir.resolve("model.onnx");
        try (ActorCritic networks = RUNTIME.createActorCritic(spec, seed)) {
            networks.exportActor(model);
        }
        ModelCard.of(encoder, new ModelCard.Training("test", seed, 0, 0.0, null))
                .write(dir.resolve(org.ledrl.policy.mappo.ActorEngine.CARD_NAME));
        return model;
    }

    static Candidate candidate(int node, int hops, Health health, boolean pathUp, double queueSeconds) {
        NodeStatus status = new NodeStatus(node, health, 3.0, 0.5, 1, queueSeconds, 0.5, Double.NaN, Double.NaN, 0, 0);
        return new Candidate(status, 0.01, hops, hops * 0.05, hops * 0.002, 0.01 * hops, pathUp);
    }

    static Observation observation(List<Candidate> candidates) {
        return new Observation(candidates.get(0).node(), 0, new Task(1, candidates.get(0).node(), 0, 300, 1000, 4.0,
                "test"), candidates, 0.9);
    }

    static MappoPolicy.Config config(String modelFile, int checkSeconds) {
        return new MappoPolicy.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MappoPolicy.Config.class;
            }

            @Override
            public String modelFile() {
                return modelFile;
            }

            @Override
            public String cardFile() {
                return "";
            }

            @Override
            public int checkSeconds() {
                return checkSeconds;
            }
        };
    }
}
