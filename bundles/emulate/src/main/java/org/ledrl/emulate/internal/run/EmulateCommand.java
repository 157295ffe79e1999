package org.ledrl.emulate.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ledrl.emulate.internal.host.Broker;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.emulate.internal.fault.FaultPlan;
import org.ledrl.emulate.internal.fault.FaultSpec;
import org.ledrl.emulate.internal.fault.FaultSpecException;
import org.ledrl.emulate.internal.fault.FaultSpecs;
import org.ledrl.experiment.ResultFiles;
import org.ledrl.sim.RunResult;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioDraws;
import org.ledrl.sim.ScenarioException;
import org.ledrl.sim.Scenarios;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ledrl emulate}: a scenario's network as gateway processes on this machine that offload real tasks
 * to each other over a local MQTT broker, with faults injected; the result in the simulator's format, beside
 * the simulator's on the same scenario, policy and seed. See bundles/emulate/README.md.
 */
@Component(service = CliCommand.class)
public final class EmulateCommand implements CliCommand {

    /** One JVM per node: more would not fit a small machine, and a larger network is the simulator's job. */
    static final int MAX_GATEWAYS = 16;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PolicyRegistry policies;

    @Activate
    public EmulateCommand(@Reference PolicyRegistry policies) {
        this.policies = policies;
    }

    @Override
    public String name() {
        return "emulate";
    }

    @Override
    public String summary() {
        return "run a scenario as gateway processes offloading real tasks over MQTT, with faults";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "ledrl emulate --scenario NAME|FILE --policy NAME [--set key=value]... [--duration 60s] [--speed X]",
                "              [--fault SPEC]... [--work sleep|cpu] [--seed N] [--out DIR] [--no-compare]",
                "  one gateway process per node of the scenario, over a Mosquitto broker on 127.0.0.1 (a running",
                "  one on port 1883, or the mosquitto program started on a free port)",
                "  --duration T   how long gateways generate tasks (default 60s; s, ms or m)",
                "  --speed X      scenario seconds per real second (default 1): compute and transfer times / X",
                "  --work W       sleep (default): hold a task for its compute time; cpu: burn CPU for it",
                "  --fault SPEC   " + FaultSpecs.SYNTAX,
                "                 times since the run started; repeatable",
                "  --out DIR      results.json, results.csv, live.json, comparison.json and the gateways' folders",
                "  --no-compare   skip the simulator's run on the same scenario, policy and seed");
    }

    @Override
    public int run(List<String> args, CommandContext context) throws IOException, InterruptedException {
        PrintStream out = context.out();
        PrintStream err = context.err();
        EmulateOptions options;
        Scenario scenario;
        Path scenarioFile;
        FaultPlan plan;
        try {
            options = EmulateOptions.parse(args);
            scenarioFile = Scenarios.find(options.scenario(), context.home()).toAbsolutePath();
            scenario = Scenarios.load(scenarioFile, options.sets());
            if (options.seed() != null) {
                scenario = scenario.withSeed(options.seed());
            }
            if (scenario.policy().maxHops() != 1) {
                throw new Arguments.UsageException("emulate sends tasks to neighbours only: the scenario needs "
                        + "policy.maxHops 1, not " + scenario.policy().maxHops() + " (--set policy.maxHops=1)");
            }
            if (policies.find(options.policy()).isEmpty()) {
                throw new Arguments.UsageException("no policy named '" + options.policy() + "' is installed; installed: "
                        + String.join(", ", policies.names()));
            }
        } catch (Arguments.UsageException e) {
            err.println("emulate: " + e.getMessage());
            err.println(usage());
            return 2;
        } catch (ScenarioException e) {
            err.println("emulate: bad scenario: " + e.getMessage());
            return 2;
        }
        ScenarioDraws draws = new ScenarioDraws(scenario);
        int nodes = draws.topology().size();
        if (nodes > MAX_GATEWAYS) {
            err.println("emulate: the scenario has " + nodes + " nodes; emulate runs one process per node, at most "
                    + MAX_GATEWAYS + " (--set topology.nodes=6, or the simulator for larger networks)");
            return 2;
        }
        int slots = (int) Math.max(1, Math.floor(options.durationMillis() / 1000.0 * options.speed()
                / scenario.slotSeconds()));
        try {
            plan = FaultPlan.of(options.faults(), draws.topology(), scenario, options.durationMillis(), options.speed(),
                    scenario.seed());
        } catch (FaultSpecException e) {
            err.println("emulate: " + e.getMessage());
            return 2;
        }
        Path outDir = options.out().toAbsolutePath().normalize();
        Files.createDirectories(outDir);
        Broker broker;
        try {
            broker = Broker.find(plan.restartsBroker(), outDir.resolve("broker"), Broker.searchPath());
        } catch (IllegalStateException e) {
            err.println("emulate: " + e.getMessage());
            return 1;
        }
        String prefix = "ledrl-emulate/" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
        GatewayHome.Run run = new GatewayHome.Run(context.home(), scenarioFile, options.sets(), scenario.seed(),
                options.speed(), options.work(), broker.url(), prefix, slots,
                plan.cuts().stream().map(FaultSpec::text).toList(), options.policy(), scenario, draws.topology());
        out.printf("emulate %s (%d gateways, %d slots of %.2f s at speed %s), policy %s, seed %d, broker %s%s%n",
                scenario.name(), nodes, slots, scenario.slotSeconds(), options.speed(), options.policy(),
                scenario.seed(), broker.url(), broker.ours() ? " (started for this run)" : "");
        EmulateRun.Ran ran;
        try {
            ran = EmulateRun.run(run, plan, broker, outDir, options.durationMillis(), out);
        } catch (IOException | MqttException e) {
            err.println("emulate: the run failed: " + e.getMessage());
            return 1;
        } finally {
            broker.close();
        }
        Journals journals = Journals.read(ran.journals());
        Scenario emulated = scenario.withEpisodes(1);
        RunResult result = Figures.result(journals, emulated, options.policy(), scenario.seed(), nodes);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "emulate");
        settings.put("durationSeconds", options.durationMillis() / 1000.0);
        settings.put("speed", options.speed());
        settings.put("work", options.work());
        settings.put("slots", slots);
        settings.put("faults", options.faults().stream().map(FaultSpec::text).toList());
        ResultFiles.write(outDir, settings, List.of(result));
        Map<String, Object> live = Figures.live(journals, ran.faults());
        print(result, journals, live, out);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("live", live);
        if (options.compare()) {
            boolean nodeFailures = options.faults().stream().anyMatch(f -> f.kind() == FaultSpec.Kind.NODE_FAILURES);
            List<String> sets = Comparison.simulatorSets(options.sets(), slots, nodeFailures);
            out.println("simulator: the same scenario, policy and seed, " + slots + " slots" + (nodeFailures ? ""
                    : ", without node and link failure processes (the emulation's failures are its --fault specs)"));
            JsonNode simulated = Comparison.simulate(context.home(), scenarioFile, sets, options.policy(),
                    scenario.seed(), outDir.resolve("simulation"), err);
            if (simulated != null) {
                document.put("comparison", Comparison.table(result.total(), simulated, options.policy(), out));
            }
        }
        JSON.writeValue(outDir.resolve("live.json").toFile(), document);
        out.println("results: " + outDir.resolve(ResultFiles.JSON));
        return unaccounted(journals) == 0 ? 0 : 1;
    }

    /** Tasks whose end the journals lack or hold twice: none when every task is accounted for. */
    private static long unaccounted(Journals journals) {
        return journals.duplicateEnds;
    }

    private static void print(RunResult result, Journals journals, Map<String, Object> live, PrintStream out) {
        var total = result.total();
        out.printf(Locale.ROOT, "tasks %d, successes %d, success rate %.1f%%%n", total.tasks(), total.successes(),
                100 * total.successRate());
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<FailureReason, Long> e : Figures.reasons(journals).entrySet()) {
            if (e.getValue() > 0) {
                reasons.add(e.getKey() + " " + e.getValue());
            }
        }
        out.println("outcomes: " + String.join(", ", reasons) + " (every task ended once; "
                + live.get("tasksEndedByOriginFailure") + " ended by their origin's failure)");
        out.printf(Locale.ROOT, "decision time p50 %.1f us, p99 %.1f us; MQTT round trip per hop p50 %.1f ms, "
                        + "p99 %.1f ms (%s hops)%n", (double) live.get("decisionUsP50"),
                (double) live.get("decisionUsP99"), (double) live.get("mqttRoundTripMsP50"),
                (double) live.get("mqttRoundTripMsP99"), live.get("mqttRoundTrips"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> detections = (List<Map<String, Object>>) live.get("detections");
        for (Map<String, Object> detection : detections) {
            Object after = detection.get("detectedAfterMs");
            out.println("fault " + detection.get("fault") + ": gateway seen down by a neighbour "
                    + (after == null ? "never" : "after " + after + " ms"));
        }
        out.println("tasks sent to a gateway known down for more than 2 s: " + live.get("tasksSentToGatewayKnownDown"));
    }
}
