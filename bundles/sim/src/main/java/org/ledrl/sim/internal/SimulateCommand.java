package org.ledrl.sim.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.command.ProgressBar;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.metrics.Summary;
import org.ledrl.sim.JsonlTrace;
import org.ledrl.sim.RunProgress;
import org.ledrl.sim.RunResult;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioException;
import org.ledrl.sim.Scenarios;
import org.ledrl.sim.TraceSink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ledrl simulate}: runs a scenario with an installed policy and writes {@code results.json}
 * (and {@code trace.jsonl} with {@code --trace}). Scenario paths resolve against the working
 * directory, then {@code <home>/conf/scenarios/}; the {@code .yaml} ending may be left out.
 */
@Component(service = CliCommand.class)
public final class SimulateCommand implements CliCommand {

    private static final Logger LOG = LoggerFactory.getLogger(SimulateCommand.class);
    private static final List<String> VALUED = List.of("scenario", "set", "policy", "episodes", "seed", "out");
    private static final List<String> FLAGS = List.of("trace", "priors");

    private final PolicyRegistry policies;
    private final AtomicReference<Optional<PriorBoard>> priorBoard = new AtomicReference<>(Optional.empty());

    @Activate
    public SimulateCommand(@Reference PolicyRegistry policies) {
        this.policies = policies;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPriorBoard(PriorBoard board) {
        priorBoard.set(Optional.of(board));
    }

    void unbindPriorBoard(PriorBoard board) {
        priorBoard.compareAndSet(Optional.of(board), Optional.empty());
    }

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "run a scenario on the simulator with one policy and write results.json";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "ledrl simulate --scenario FILE --policy NAME [--set key=value]... [--episodes N] [--seed N]",
                "               [--out DIR] [--trace] [--priors]",
                "  --scenario FILE  scenario YAML; relative paths are looked up in the working directory,",
                "                   then in <home>/conf/scenarios/ (the .yaml ending may be left out)",
                "  --policy NAME    an installed offloading policy",
                "  --set key=value  override a scenario key, e.g. --set failures.linkRate=0.05 (repeatable)",
                "  --episodes N     episodes to run (default: the scenario's)",
                "  --seed N         the run's seed (default: the scenario's)",
                "  --out DIR        where results.json (and trace.jsonl) go (default: results/<scenario>-<policy>)",
                "  --trace          also write every task outcome and network event to trace.jsonl",
                "  --priors         give decisions the priors of the installed prior board (not reproducible)");
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Exception {
        Arguments arguments;
        Scenario scenario;
        OffloadingPolicy policy;
        Path out;
        try {
            arguments = Arguments.parse(args, VALUED, FLAGS);
            Path file = Scenarios.find(arguments.required("scenario"), context.home());
            scenario = Scenarios.load(file, sets(arguments));
            scenario = scenario.withEpisodes(arguments.intValue("episodes", scenario.episodes()))
                    .withSeed(arguments.longValue("seed", scenario.seed()));
            if (scenario.episodes() < 1) {
                throw new Arguments.UsageException("option --episodes must be at least 1");
            }
            String name = arguments.required("policy");
            Optional<OffloadingPolicy> found = policies.find(name);
            if (found.isEmpty()) {
                context.err().println("simulate: no policy named '" + name + "' is installed; installed: "
                        + String.join(", ", policies.names()));
                return 2;
            }
            policy = found.get();
            out = Path.of(arguments.value("out").orElse("results/" + scenario.name() + "-" + name));
        } catch (Arguments.UsageException e) {
            context.err().println("simulate: " + e.getMessage());
            context.err().println(usage());
            return 2;
        } catch (ScenarioException e) {
            context.err().println("simulate: bad scenario: " + e.getMessage());
            return 2;
        }
        Runner runner = Runner.of(scenario, policy);
        if (arguments.flag("priors")) {
            Optional<PriorBoard> board = priorBoard.get();
            if (board.isEmpty()) {
                context.err().println("simulate: --priors needs a prior board, and none is installed");
                return 2;
            }
            runner.priors(board.get());
        }
        Files.createDirectories(out);
        Path traceFile = out.resolve("trace.jsonl");
        TraceSink trace = arguments.flag("trace") ? new JsonlTrace(traceFile) : TraceSink.NONE;
        long totalSlots = (long) scenario.episodes() * scenario.slots();
        RunResult result;
        try (ProgressBar bar = new ProgressBar(context, "simulate", totalSlots)) {
            result = runner.trace(trace).progress(new BarProgress(bar)).run();
        } catch (RuntimeException e) {
            LOG.error("simulate {} with {} failed", scenario.name(), policy.name(), e);
            context.err().println("simulate: the run failed: " + e);
            return 1;
        } finally {
            if (trace instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        Path resultsFile = out.resolve("results.json");
        result.write(resultsFile);
        LOG.info("simulate {} with {}: success rate {} over {} tasks; results in {}", scenario.name(),
                policy.name(), result.total().successRate(), result.total().tasks(), resultsFile);
        print(result, resultsFile, arguments.flag("trace"), traceFile, context);
        return 0;
    }

    private static List<String> sets(Arguments arguments) {
        List<String> sets = new ArrayList<>();
        for (String set : arguments.values("set")) {
            sets.add(set);
        }
        return sets;
    }


    private static void print(RunResult result, Path resultsFile, boolean traced, Path traceFile,
                              CommandContext context) {
        Summary total = result.total();
        var out = context.out();
        out.printf("scenario %s, policy %s, seed %d, %d nodes, %d episodes%n", result.scenario().name(),
                result.policy(), result.seed(), result.nodes(), result.episodes().size());
        out.printf("tasks %d, successes %d, success rate %.2f%%%n", total.tasks(), total.successes(),
                100 * total.successRate());
        StringBuilder failures = new StringBuilder();
        for (Map.Entry<FailureReason, Long> e : total.failures().entrySet()) {
            if (e.getValue() > 0) {
                failures.append(failures.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            }
        }
        out.println("failures: " + (failures.length() == 0 ? "none" : failures));
        out.printf("latency mean %.3f s, p95 %.3f s; decision time p50 %.1f us, p99 %.1f us%n", total.latencyMeanS(),
                total.latencyP95S(), total.decisionP50Us(), total.decisionP99Us());
        out.printf("wall time %.2f s, %.0f tasks/s%n", total.wallTimeS(), total.tasksPerSecond());
        out.println("results: " + resultsFile);
        if (traced) {
            out.println("trace: " + traceFile);
        }
    }

    /** Moves the progress bar every few slots, with the running success rate. */
    private static final class BarProgress implements RunProgress {
        private static final int EVERY_SLOTS = 16;
        private final ProgressBar bar;
        private long reported;

        BarProgress(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void update(long slotsDone, long totalSlots, long tasks, long successes) {
            if (slotsDone - reported >= EVERY_SLOTS || slotsDone == totalSlots) {
                bar.step(slotsDone - reported, String.format("tasks %d  success %.1f%%", tasks,
                        tasks == 0 ? 0.0 : 100.0 * successes / tasks));
                reported = slotsDone;
            }
        }
    }
}
