package org.ledrl.live.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.live.LiveLink;
import org.ledrl.live.LiveNetwork;
import org.ledrl.live.LiveNode;
import org.ledrl.live.LiveRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code ledrl nodes}: the nodes and links of the live network as decisions see them, stale ones marked. */
@Component(service = CliCommand.class)
public final class NodesCommand implements CliCommand {

    private final LiveRuntime runtime;

    @Activate
    public NodesCommand(@Reference LiveRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "nodes";
    }

    @Override
    public String summary() {
        return "show the nodes and links of the live network and their status";
    }

    @Override
    public String usage() {
        return """
                Usage: ledrl nodes
                Lists every node telemetry or the configuration knows: '*' marks this gateway's node, STALE a node
                whose status is missing or too old (it counts as unknown, never healthy). Unmeasured values are '-'.
                Then the links, with their rate (from telemetry, else the configuration).""";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Arguments.UsageException {
        if (!Arguments.parse(args, List.of(), List.of()).positional().isEmpty()) {
            throw new Arguments.UsageException("nodes takes no arguments");
        }
        LiveNetwork network = runtime.network();
        PrintStream out = context.out();
        if (network.nodes().isEmpty()) {
            out.println("No node is known: no telemetry source reports any, and none is configured.");
            return 0;
        }
        out.printf("  %-5s %-7s %-5s %7s %5s %6s %7s %5s %6s %6s  %s%n", "NODE", "HEALTH", "", "CPU GHz", "LOAD",
                "QUEUE", "WAIT s", "MEM", "TEMP C", "AGE s", "NEIGHBOURS");
        for (LiveNode node : network.nodes()) {
            NodeStatus s = node.status();
            out.printf("%s %-5d %-7s %-5s %7s %5s %6d %7s %5s %6s %6s  %s%n", node.local() ? "*" : " ", s.node(),
                    s.health(), node.stale() ? "STALE" : "", number(s.cpuGHz(), 1), number(s.cpuLoad(), 2),
                    s.queueLength(), number(s.queueSeconds(), 2), number(s.memoryLoad(), 2),
                    number(s.temperatureC(), 1), age(network.timestampMillis(), s.timestampMillis()),
                    node.neighbours().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (!network.links().isEmpty()) {
            out.println();
            out.printf("  %-9s %-7s %-5s %8s %10s  %s%n", "LINK", "HEALTH", "", "MB/s", "LATENCY ms", "FROM");
            for (LiveLink link : network.links()) {
                out.printf("  %-9s %-7s %-5s %8s %10s  %s%n", link.status().a() + "-" + link.status().b(),
                        link.status().health(), link.stale() ? "STALE" : "", number(link.status().rateMBps(), 1),
                        number(link.status().latencyMs(), 1), link.configured() ? "configuration" : "telemetry");
            }
        }
        return 0;
    }

    static String number(double value, int decimals) {
        return Double.isFinite(value) ? String.format("%." + decimals + "f", value) : "-";
    }

    private static String age(long now, long timestamp) {
        return timestamp <= 0 ? "-" : String.format("%.1f", Math.max(0, now - timestamp) / 1000.0);
    }
}
