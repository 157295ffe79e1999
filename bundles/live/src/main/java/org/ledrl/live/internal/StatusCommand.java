package org.ledrl.live.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.health.PlatformProblem;
import org.ledrl.api.health.PlatformProblems;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.plugin.PluginProblems;
import org.ledrl.live.Activity;
import org.ledrl.live.LiveNetwork;
import org.ledrl.live.LiveNode;
import org.ledrl.live.LiveRuntime;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code ledrl status}: the active policy, decisions per second, success rate and decision time
 * over the last minutes, the latest prior per node, the recent failures, and every bounded buffer of
 * the platform with its size, bound and drop count; first, what does not work (components that failed
 * to start or wait for one). It answers even when the live runtime itself failed: it then lists the
 * problems and exits with 1.
 */
@Component(service = CliCommand.class)
public final class StatusCommand implements CliCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LiveRuntime runtime;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PlatformProblems platform;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginProblems pluginProblems;

    public StatusCommand() {
    }

    StatusCommand(LiveRuntime runtime, PlatformProblems platform) {
        this.runtime = runtime;
        this.platform = platform;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show the live runtime: policy, decisions, success rate, priors, recent failures, buffers";
    }

    @Override
    public String usage() {
        return """
                Usage: ledrl status
                Shows the policy deciding now, then per minute of the activity window: decisions per second, mean
                and longest decision time, outcomes and their success rate; the latest strategy prior of each node;
                the latest failed tasks; every bounded buffer with its size, its bound and how much it dropped
                (bundles/live/README.md lists them). 'ledrl nodes' shows the network, 'ledrl use <policy>' switches
                policy.""";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Arguments.UsageException {
        if (!Arguments.parse(args, List.of(), List.of()).positional().isEmpty()) {
            throw new Arguments.UsageException("status takes no arguments");
        }
        PrintStream out = context.out();
        LiveRuntime runtime = this.runtime;
        PlatformProblems platform = this.platform;
        List<PlatformProblem> problems = platform == null ? List.of() : platform.problems();
        if (!problems.isEmpty()) {
            out.println("Problems (" + problems.size() + "):");
            for (PlatformProblem problem : problems) {
                out.println("  " + problem.name() + ": " + problem.kind() + ": " + problem.reason());
            }
            out.println();
        }
        if (runtime == null) {
            out.println("The live runtime is not running" + (problems.isEmpty() ? "." : ": see the problems above."));
            return 1;
        }
        Activity activity = runtime.activity();
        out.println("Policy: " + runtime.activePolicy() + " (" + runtime.activePolicyReason() + "; installed: "
                + String.join(", ", runtime.policies()) + ")");
        out.printf("Last %d min: %s decisions/s, success rate %s, mean decision %s us; %d decisions, %d outcomes, "
                        + "%d never reported since start%n", activity.buckets().size() * activity.bucketSeconds() / 60,
                NodesCommand.number(activity.decisionsPerSecond(), 2), percent(activity.successRate()),
                NodesCommand.number(activity.meanDecisionMicros(), 1), activity.decisions(), activity.outcomes(),
                activity.unreported());

        out.println();
        out.printf("  %-8s %11s %14s %14s %9s %8s%n", "MINUTE", "DECISIONS/s", "MEAN DECIDE us", "MAX DECIDE us",
                "OUTCOMES", "SUCCESS");
        List<Activity.Bucket> buckets = activity.buckets();
        int perMinute = Math.max(1, 60 / activity.bucketSeconds());
        for (int from = 0; from < buckets.size(); from += perMinute) {
            Activity minute = new Activity(activity.bucketSeconds(),
                    buckets.subList(from, Math.min(buckets.size(), from + perMinute)), List.of(), 0, 0, 0);
            double max = minute.buckets().stream().mapToDouble(Activity.Bucket::maxDecisionMicros)
                    .filter(Double::isFinite).max().orElse(Double.NaN);
            long outcomes = minute.buckets().stream().mapToLong(Activity.Bucket::outcomes).sum();
            out.printf("  %-8s %11s %14s %14s %9d %8s%n", TIME.format(Instant.ofEpochMilli(buckets.get(from).startMillis())),
                    NodesCommand.number(minute.decisionsPerSecond(), 2), NodesCommand.number(minute.meanDecisionMicros(), 1),
                    NodesCommand.number(max, 1), outcomes, percent(minute.successRate()));
        }

        LiveNetwork network = runtime.network();
        out.println();
        out.println("Latest prior per node:");
        for (LiveNode node : network.nodes()) {
            StrategyPrior prior = node.prior();
            out.printf("  node %-4d %s%n", node.id(), prior.isNone() ? "none yet"
                    : prior.strategy() + " from " + prior.model() + ", " + NodesCommand.number(
                    prior.ageMillis(network.timestampMillis()) / 1000.0, 1) + " s old: " + prior.rationale());
        }

        out.println();
        if (activity.failures().isEmpty()) {
            out.println("No failed task in the window.");
        } else {
            out.println("Recent failures (newest first):");
            for (Activity.Failure f : activity.failures()) {
                out.printf("  %s  task %d from node %d on node %d: %s after %s s%n",
                        TIME.format(Instant.ofEpochMilli(f.atMillis())), f.taskId(), f.origin(), f.executor(), f.reason(),
                        NodesCommand.number(f.latencyS(), 2));
            }
        }

        out.println();
        out.println("Bounded buffers:");
        out.printf("  %-36s %10s %10s %12s%n", "BUFFER", "SIZE", "BOUND", "DROPPED");
        for (BufferStatus buffer : runtime.buffers()) {
            out.printf("  %-36s %10d %10d %12d%n", buffer.name(), buffer.size(), buffer.bound(), buffer.dropped());
        }
        PluginProblemsSection.print(out, pluginProblems);
        return 0;
    }

    private static String percent(double rate) {
        return Double.isFinite(rate) ? String.format("%.1f%%", 100 * rate) : "-";
    }
}
