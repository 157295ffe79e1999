package org.ledrl.emulate.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ledrl.api.model.FailureReason;
import org.ledrl.metrics.Summary;

/**
 * The emulation beside the simulator on the same scenario, policy and seed: {@code ledrl experiment} of the
 * same installation, run as a command (so a policy gets the priors it gets in any experiment), over one
 * episode of as many slots as the emulation generated tasks. The emulation's failures come only from its
 * {@code --fault} specs, so the simulator runs without its node and link failure processes unless
 * {@code node-failures} was given; per-attempt execution and transmission failures stay, as the gateways
 * draw them too.
 */
final class Comparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Comparison() {
    }

    /** The experiment's overrides for the simulator's side. */
    static List<String> simulatorSets(List<String> sets, int slots, boolean nodeFailures) {
        List<String> all = new ArrayList<>(sets);
        all.add("slots=" + slots);
        all.add("episodes=1");
        if (!nodeFailures) {
            all.add("failures.nodeHardwareRate=0");
            all.add("failures.nodeSoftwareRate=0");
            all.add("failures.linkRate=0");
        }
        return all;
    }

    /** Runs the simulator into {@code folder}; its run's total, or null (with the reason printed) when it failed. */
    static JsonNode simulate(Path home, Path scenario, List<String> sets, String policy, long seed, Path folder,
                             PrintStream err) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/ledrl").toString(), "experiment",
                "--scenario", scenario.toString(), "--policies", policy, "--seed-list", Long.toString(seed),
                "--episodes", "1", "--out", folder.toString()));
        for (String set : sets) {
            command.add("--set");
            command.add(set);
        }
        Files.createDirectories(folder);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("experiment.log").toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            err.println("emulate: the simulator's run took more than 10 minutes; no comparison");
            return null;
        }
        Path results = folder.resolve("results.json");
        if (process.exitValue() != 0 || !Files.isRegularFile(results)) {
            err.println("emulate: the simulator's run failed (see " + folder.resolve("experiment.log")
                    + "); no comparison");
            return null;
        }
        return JSON.readTree(results.toFile()).path("runs").path(0).path("total");
    }

    /** Side by side: tasks, success rate, each failure reason, latency percentiles. Also as a map for JSON. */
    static Map<String, Object> table(Summary emulated, JsonNode simulated, String policy, PrintStream out) {
        Map<String, Object> rows = new LinkedHashMap<>();
        out.printf("emulation vs simulation, policy %s:%n", policy);
        out.printf("  %-30s %12s %12s%n", "", "emulation", "simulation");
        row(out, rows, "tasks", emulated.tasks(), simulated.path("tasks").asDouble(Double.NaN), "%12.0f");
        row(out, rows, "success rate %", 100 * emulated.successRate(),
                100 * simulated.path("successRate").asDouble(Double.NaN), "%12.1f");
        for (FailureReason reason : FailureReason.values()) {
            if (reason.isSuccess()) {
                continue;
            }
            long e = emulated.failures(reason);
            double s = simulated.path("failures").path(reason.name()).asDouble(0);
            if (e > 0 || s > 0) {
                row(out, rows, reason.name(), e, s, "%12.0f");
            }
        }
        row(out, rows, "latency p50 s", emulated.latencyP50S(), simulated.path("latencyP50S").asDouble(Double.NaN),
                "%12.3f");
        row(out, rows, "latency p95 s", emulated.latencyP95S(), simulated.path("latencyP95S").asDouble(Double.NaN),
                "%12.3f");
        row(out, rows, "latency p99 s", emulated.latencyP99S(), simulated.path("latencyP99S").asDouble(Double.NaN),
                "%12.3f");
        double gap = 100 * (emulated.successRate() - simulated.path("successRate").asDouble(Double.NaN));
        out.printf(Locale.ROOT, "  success rate gap: %+.1f points%n", gap);
        rows.put("successRateGapPoints", Double.isFinite(gap) ? gap : null);
        return rows;
    }

    private static void row(PrintStream out, Map<String, Object> rows, String name, double emulated, double simulated,
                            String format) {
        out.printf(Locale.ROOT, "  %-30s " + format + " " + format + "%n", name, emulated, simulated);
        Map<String, Object> cells = new LinkedHashMap<>();
        cells.put("emulation", Double.isFinite(emulated) ? emulated : null);
        cells.put("simulation", Double.isFinite(simulated) ? simulated : null);
        rows.put(name, cells);
    }
}
