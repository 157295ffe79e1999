package org.ledrl.policy.mappo.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.policy.mappo.ModelCard;
import org.ledrl.policy.mappo.ObservationEncoder;

/**
 * The decision-time benchmark outside a container: exports a 20-token actor of the paper's sizes and runs
 * {@link DecisionBench} through the real {@code mappo} policy. Run with
 * {@code ./mvnw -f bundles/pom.xml -pl policy-mappo exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.ledrl.policy.mappo.internal.DecisionBenchMain}; args: nodes decisions warmup.
 */
public final class DecisionBenchMain {

    private DecisionBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int decisions = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Path dir = Files.createTempDirectory("mappo-bench");
        ObservationEncoder encoder = new ObservationEncoder(20);
        try (ActorCritic networks = Fixtures.RUNTIME.createActorCritic(
                NetworkSpec.paper(20, encoder.features(), 64), 1)) {
            networks.exportActor(dir.resolve("model.onnx"));
        }
        ModelCard.of(encoder, null).write(dir.resolve(org.ledrl.policy.mappo.ActorEngine.CARD_NAME));
        MappoPolicy policy = new MappoPolicy(Fixtures.RUNTIME, Fixtures.config(dir.resolve("model.onnx").toString(), 0));
        try {
            for (int round = 1; round <= 3; round++) {
                System.out.print("round " + round + ": ");
                DecisionBench.run(policy, nodes, warmup, decisions, round).print(System.out, "mappo", nodes);
            }
        } finally {
            policy.deactivate();
        }
    }
}
