package org.ledrl.experiment.internal;

import static org.ledrl.experiment.internal.TestMemories.MEMORIES;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.internal.StandaloneRuntime;

/**
 * The experiment command outside a container, with every policy of the project (baselines, heuristic-prior, mappo,
 * the LeDRL policies, llm-direct) built from its class with its default configuration, for the paper comparison:
 * {@code ./mvnw -f bundles/pom.xml -pl experiment exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.ledrl.experiment.internal.PaperComparison -Dexec.args="HOME experiment-args..."} where HOME
 * holds {@code conf/scenarios} (e.g. {@code distribution/src}). A candidate model replaces a policy's shipped one with
 * {@code -Dmodel.<PolicyClass>=path/model.onnx} (e.g. {@code -Dmodel.MappoPolicy=runs/mappo-s2/model.onnx}, its card
 * beside it), for model selection on validation seeds.
 */
public final class PaperComparison {

    private PaperComparison() {
    }

    public static void main(String[] args) throws Exception {
        MlRuntime runtime = new StandaloneRuntime(Path.of(System.getProperty("user.home"), ".djl.ai"), 1);
        Map<String, OffloadingPolicy> policies = new TreeMap<>();
        for (String type : List.of("org.ledrl.policy.local.internal.LocalPolicy",
                "org.ledrl.policy.random.internal.RandomPolicy", "org.ledrl.policy.greedy.internal.GreedyPolicy",
                "org.ledrl.policy.ratc.internal.RatcPolicy", "org.ledrl.policy.agsp.internal.AgspPolicy",
                "org.ledrl.policy.heuristicprior.internal.HeuristicPriorPolicy",
                "org.ledrl.policy.mappo.internal.MappoPolicy", "org.ledrl.policy.ledrl.internal.LedrlPolicy",
                "org.ledrl.policy.ledrl.internal.LedrlNoReflectionPolicy",
                "org.ledrl.policy.ledrl.internal.LedrlHeuristicPolicy", "org.ledrl.policy.ledrl.internal.PriorMlpPolicy",
                "org.ledrl.policy.llmdirect.internal.LlmDirectPolicy")) {
            OffloadingPolicy policy = create(Class.forName(type), runtime);
            policies.put(policy.name(), policy);
        }
        PolicyRegistry registry = new PolicyRegistry() {
            @Override
            public List<String> names() {
                return new ArrayList<>(policies.keySet());
            }

            @Override
            public Optional<OffloadingPolicy> find(String name) {
                return Optional.ofNullable(policies.get(name));
            }
        };
        ExperimentCommand command = new ExperimentCommand(registry, MEMORIES, defaults(ExperimentCommand.Config.class));
        CommandContext context = new CommandContext(new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8), false, Path.of(args[0]));
        System.exit(command.run(Arrays.asList(args).subList(1, args.length), context));
    }

    /** Calls the policy's one public constructor with the runtime and default configurations. */
    private static OffloadingPolicy create(Class<?> type, MlRuntime runtime) throws Exception {
        Constructor<?> constructor = Arrays.stream(type.getConstructors())
                .max((a, b) -> a.getParameterCount() - b.getParameterCount()).orElseThrow();
        Object[] arguments = new Object[constructor.getParameterCount()];
        Class<?>[] parameters = constructor.getParameterTypes();
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = parameters[i] == MlRuntime.class ? runtime
                    : withModel(parameters[i], System.getProperty("model." + type.getSimpleName()));
        }
        return (OffloadingPolicy) constructor.newInstance(arguments);
    }

    /** The defaults, with {@code modelFile} (and {@code cardFile} beside it) set when {@code model} is given. */
    @SuppressWarnings("unchecked")
    private static <A> A withModel(Class<A> annotation, String model) {
        if (model == null) {
            return defaults(annotation);
        }
        Path card = Path.of(model).resolveSibling("model-card.json");
        return (A) Proxy.newProxyInstance(annotation.getClassLoader(), new Class<?>[] {annotation},
                (proxy, method, methodArgs) -> switch (method.getName()) {
                    case "modelFile" -> model;
                    case "cardFile" -> card.toString();
                    case "annotationType" -> annotation;
                    default -> method.getDefaultValue();
                });
    }

    /** An instance of a configuration annotation that answers every method with its default. */
    @SuppressWarnings("unchecked")
    static <A> A defaults(Class<A> annotation) {
        return (A) Proxy.newProxyInstance(annotation.getClassLoader(), new Class<?>[] {annotation},
                (proxy, method, methodArgs) -> method.getName().equals("annotationType") ? annotation
                        : method.getDefaultValue());
    }
}
