package org.ledrl.train.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.TrainingRequest;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.internal.StandaloneRuntime;
import org.ledrl.policy.greedy.internal.GreedyPolicy;
import org.ledrl.policy.ratc.internal.RatcPolicy;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.Scenarios;
import org.ledrl.sim.Simulation;

/**
 * Trains on a scenario and compares the result with greedy and ratc over evaluation seeds 1..10 (never training
 * seeds: those are hashed from the master seed). Outside a container, for the learning target:
 * {@code ./mvnw -f bundles/pom.xml -pl train exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.ledrl.train.internal.TrainAndEvaluate -Dexec.args="SCENARIO EPISODES OUT [seed=N] [key=value]..."}
 * (training seed 1 unless {@code seed=N}; {@code vary.KEY=v1,v2} trains under varied conditions, as
 * {@code train --vary} does). With EPISODES 0 it only evaluates the model already in OUT (and on further scenarios given as eval=FILE).
 */
public final class TrainAndEvaluate {

    private TrainAndEvaluate() {
    }

    public static void main(String[] args) throws Exception {
        Path scenarioFile = Path.of(args[0]);
        int episodes = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        Map<String, String> options = new java.util.HashMap<>();
        List<Path> evalScenarios = new ArrayList<>(List.of(scenarioFile));
        List<String> varies = new ArrayList<>(); // vary.KEY=v1,v2 as train --vary KEY=v1,v2
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv[0].startsWith("vary.")) {
                varies.add(kv[0].substring("vary.".length()) + "=" + kv[1]);
            } else if (kv[0].equals("eval")) {
                evalScenarios.add(Path.of(kv[1]));
            } else {
                options.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        MlRuntime runtime = new StandaloneRuntime(Path.of(System.getProperty("user.home"), ".djl.ai"), 1);
        Scenario scenario = Scenarios.load(scenarioFile, List.of());
        boolean evaluate = true;
        if (episodes > 0) {
            long start = System.nanoTime();
            String algorithm = options.getOrDefault("algorithm", "mappo");
            evaluate = options.remove("noeval") == null;
            options.remove("algorithm");
            long trainingSeed = Long.parseLong(options.getOrDefault("seed", "1"));
            options.remove("seed");
            org.ledrl.reflect.ReflectiveEvaluatorFactory memories =
                    new org.ledrl.reflect.internal.ReflectiveEvaluatorFactoryComponent();
            MappoTrainer trainer = switch (algorithm) {
                case "mappo" -> new MappoTrainer(runtime);
                case "ledrl" -> new MappoTrainer(runtime, new MappoTrainer.Variant(algorithm, true, true,
                        name -> java.util.Optional.empty(), () -> memories));
                case "mappo-prior-mlp" -> new MappoTrainer(runtime, new MappoTrainer.Variant(algorithm, true, false,
                        name -> java.util.Optional.empty(), () -> memories));
                default -> throw new IllegalArgumentException("algorithm " + algorithm);
            };
            ScenarioVariation variation = ScenarioVariation.of(scenarioFile, List.of(), varies);
            trainer.train(new TrainingRequest(seed -> new Simulation(variation.apply(seed).withSeed(seed)),
                    scenario.name(), episodes, trainingSeed, out, options), (e, total, ret, success) -> {
                        if (e % 10 == 0) {
                            System.out.printf(Locale.ROOT, "episode %d/%d return %.2f success %.3f%n", e, total, ret,
                                    success);
                        }
                    });
            System.out.printf(Locale.ROOT, "trained %d episodes in %.1f s%n", episodes,
                    (System.nanoTime() - start) / 1e9);
        }
        if (!evaluate) {
            return;
        }
        OffloadingPolicy mappo = MappoPolicies.fromFile(runtime, out.resolve("model.onnx"));
        for (Path file : evalScenarios) {
            Scenario eval = Scenarios.load(file, List.of());
            for (OffloadingPolicy policy : List.of(mappo, new GreedyPolicy(), new RatcPolicy())) {
                double sum = 0;
                StringBuilder perSeed = new StringBuilder();
                for (long seed = 1; seed <= 10; seed++) {
                    double rate = Runner.of(eval, policy).seed(seed).run().total().successRate();
                    sum += rate;
                    perSeed.append(String.format(Locale.ROOT, " %.3f", rate));
                }
                System.out.printf(Locale.ROOT, "%s %s: mean success %.4f over seeds 1..10:%s%n", eval.name(),
                        policy.name(), sum / 10, perSeed);
            }
        }
        Files.createDirectories(out);
    }
}
