package org.ledrl.policy.mappo.internal;

import java.util.List;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.policy.OffloadingPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code bin/ledrl mappo-bench}: the {@code mappo} policy's decision time at batch 1, as percentiles. */
@Component(service = CliCommand.class)
public final class DecisionBenchCommand implements CliCommand {

    private final OffloadingPolicy policy;

    @Activate
    public DecisionBenchCommand(@Reference(target = "(policy.name=" + MappoPolicy.NAME + ")") OffloadingPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "mappo-bench";
    }

    @Override
    public String summary() {
        return "measure the mappo policy's decision time (batch 1, ONNX Runtime)";
    }

    @Override
    public String usage() {
        return "mappo-bench [--nodes N] [--decisions N] [--warmup N] [--seed S]\n"
                + "  Decides N random observations of N candidates after a warm-up and prints p50/p90/p99.\n"
                + "  Defaults: 20 nodes, 100000 decisions, 20000 warm-up.";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Exception {
        int nodes;
        int decisions;
        int warmup;
        long seed;
        try {
            Arguments a = Arguments.parse(args, List.of("nodes", "decisions", "warmup", "seed"), List.of());
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
