package org.ledrl.policy.mappo.internal;

import java.util.List;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.policy.OffloadingPolicy;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code bin/ledrl mappo-bench}: a learned policy's decision time at batch 1, as percentiles: {@code mappo} by
 * default, any installed policy with {@code --policy} (e.g. {@code ledrl-heuristic}; a prior consumer decides with
 * the null prior here, which costs its actor the same).
 */
@Component(service = CliCommand.class)
public final class DecisionBenchCommand implements CliCommand {

    private final List<OffloadingPolicy> policies = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPolicy(OffloadingPolicy policy) {
        policies.add(policy);
    }

    void removePolicy(OffloadingPolicy policy) {
        policies.remove(policy);
    }

    @Override
    public String name() {
        return "mappo-bench";
    }

    @Override
    public String summary() {
        return "measure a learned policy's decision time (batch 1, ONNX Runtime; mappo by default)";
    }

    @Override
    public String usage() {
        return "mappo-bench [--policy NAME] [--nodes N] [--decisions N] [--warmup N] [--seed S]\n"
                + "  Decides N random observations of N candidates after a warm-up and prints p50/p90/p99.\n"
                + "  Defaults: policy mappo, 20 nodes, 100000 decisions, 20000 warm-up.";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Exception {
        int nodes;
        int decisions;
        int warmup;
        long seed;
        OffloadingPolicy policy;
        try {
            Arguments a = Arguments.parse(args, List.of("policy", "nodes", "decisions", "warmup", "seed"), List.of());
            String name = a.value("policy").orElse(MappoPolicy.NAME);
            policy = policies.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new Arguments.UsageException("no policy named '" + name + "' is installed; "
                            + "installed: " + policies.stream().map(OffloadingPolicy::name).sorted().toList()));
            nodes = a.intValue("nodes", 20);
            decisions = a.intValue("decisions", 100_000);
            warmup = a.intValue("warmup", 20_000);
            seed = a.longValue("seed", 1);
            if (nodes < 1 || decisions < 1 || warmup < 0) {
                throw new Arguments.UsageException("--nodes and --decisions must be at least 1, --warmup at least 0");
            }
        } catch (Arguments.UsageException e) {
            context.err().println(e.getMessage());
            context.err().println(usage());
            return 2;
        }
        DecisionBench.run(policy, nodes, warmup, decisions, seed).print(context.out(), policy.name(), nodes);
        return 0;
    }
}
