package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One-shot commands of {@code bin/ledrl}, as an operator runs them: help, usage errors, simulate, experiment. */
class CommandsIT {

    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(60);
    /** Commands of the edge profile (everything a gateway and a researcher need). */
    private static final List<String> EDGE_COMMANDS =
            List.of("emulate", "experiment", "help", "memory", "nodes", "policies", "prior", "simulate", "soak",
                    "status", "use");
    /** Commands only the server profile has: training needs PyTorch, which gateways do not carry. */
    private static final List<String> SERVER_ONLY_COMMANDS = List.of("train");
    /** A command line of the help listing: two spaces, the name, spaces, its description. */
    private static final Pattern LISTED_COMMAND = Pattern.compile("(?m)^  (\\S+)\\s{2,}\\S");

    @TempDir
    Path folder;

    private Installation installation;

    @BeforeEach
    void copyInstallation() throws IOException {
        installation = Installation.copyInto(folder);
    }

    @Test
    void helpListsTheEdgeProfilesCommands() throws Exception {
        LedrlProcess.Result help = installation.run(COMMAND_DEADLINE, "help");

        assertEquals(0, help.exitStatus(), help::describe);
        Set<String> listed = listedCommands(help.stdout());
        assertTrue(listed.containsAll(EDGE_COMMANDS), () -> "edge help lists " + listed + ", not all of " + EDGE_COMMANDS);
        assertFalse(listed.stream().anyMatch(SERVER_ONLY_COMMANDS::contains),
                () -> "edge help lists a server-only command: " + listed);
        assertNoProblem(help);
    }

    @Test
    void helpListsTheServerProfilesCommands() throws Exception {
        // a one-shot command of the server profile brings up the HTTP listeners too: keep them off the usual ports
        installation.setProperty("org.osgi.service.http.port", String.valueOf(FreePort.find()));
        Files.writeString(installation.conf().resolve("org.ledrl.rest.cfg"), "port = " + FreePort.find() + "\n");

        LedrlProcess.Result help = installation.run(COMMAND_DEADLINE, "--profile", "server", "help");

        assertEquals(0, help.exitStatus(), help::describe);
        Set<String> listed = listedCommands(help.stdout());
        List<String> expected = Stream.concat(EDGE_COMMANDS.stream(), SERVER_ONLY_COMMANDS.stream()).toList();
        assertTrue(listed.containsAll(expected), () -> "server help lists " + listed + ", not all of " + expected);
    }

    @Test
    void anUnknownCommandIsRefusedPromptlyPointingAtHelp() throws Exception {
        // refused once the platform has settled without it, not after the shell's full 30 s wait
        LedrlProcess.Result result = installation.run(Duration.ofSeconds(15), "nosuch");

        assertEquals(2, result.exitStatus(), result::describe);
        assertTrue(result.all().contains("nosuch") && result.all().contains("ledrl help"), result::describe);
    }

    @Test
    void anUnknownProfileExitsWithStatus2AndNamesTheKnownOnes() throws Exception {
        LedrlProcess.Result result = installation.run(COMMAND_DEADLINE, "--profile", "nosuch", "help");

        assertEquals(2, result.exitStatus(), result::describe);
        assertTrue(result.stderr().contains("'nosuch'") && result.stderr().contains("edge")
                && result.stderr().contains("server"), result::describe);
        assertFalse(result.stdout().contains("Commands"), "no command may run under an unknown profile");
    }

    @Test
    void simulateWritesResultsWhoseTotalsAddUp() throws Exception {
        Path out = folder.resolve("simulation");

        LedrlProcess.Result result = installation.run(COMMAND_DEADLINE, "simulate", "--scenario", "paper-10-random",
                "--policy", "greedy", "--episodes", "1", "--out", out.toString());

        assertEquals(0, result.exitStatus(), result::describe);
        assertNoProblem(result);
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("greedy", results.path("policy").asText());
        assertEquals("paper-10-random", results.path("scenario").path("name").asText());
        JsonNode total = results.path("total");
        long tasks = total.path("tasks").asLong();
        long successes = total.path("successes").asLong();
        assertTrue(tasks > 0, "a 100-slot episode on 10 nodes has tasks: " + total);
        JsonNode episodes = results.path("episodes");
        assertEquals(1, episodes.size(), "one episode asked for");
        assertAll(
                () -> assertEquals(tasks, successes + sum(total.path("failures").elements()),
                        "tasks = successes + failures of every reason: " + total),
                () -> assertEquals(successes / (double) tasks, total.path("successRate").asDouble(), 1e-12),
                () -> assertEquals(tasks, total.path("decisions").asLong(), "one decision per task"),
                () -> assertEquals(tasks, sum(episodes.findValues("tasks")), "episodes add up to the total"),
                () -> assertEquals(tasks, sum(results.path("nodeLoads").findValues("executed")),
                        "every task was executed (or failed) at some node"),
                () -> assertEquals(successes, sum(results.path("nodeLoads").findValues("succeeded"))),
                () -> assertEquals(tasks, sum(results.path("latencyHistogram").findValues("count")),
                        "every task has a latency"));
    }

    @Test
    void experimentWritesResultsTableReportAndCharts() throws Exception {
        Path out = folder.resolve("experiment");

        LedrlProcess.Result result = installation.run(COMMAND_DEADLINE, "experiment", "--scenario", "paper-10-random",
                "--set", "slots=20", "--seeds", "2", "--episodes", "1", "--policies", "local,greedy,heuristic-prior",
                "--out", out.toString());

        assertEquals(0, result.exitStatus(), result::describe);
        assertNoProblem(result);
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertFalse(results.isMissingNode() || results.isEmpty(), "results.json is empty");

        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        int policy = header.indexOf("policy");
        int seed = header.indexOf("seed");
        int status = header.indexOf("status");
        assertTrue(policy >= 0 && seed >= 0 && status >= 0, "results.csv header: " + csv.get(0));
        Set<String> runs = new HashSet<>();
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            assertEquals("ok", cells[status], "run failed: " + row);
            runs.add(cells[policy] + "/" + cells[seed]);
        }
        assertEquals(Set.of("local/1", "local/2", "greedy/1", "greedy/2", "heuristic-prior/1", "heuristic-prior/2"),
                runs, "3 policies x 2 seeds");
        assertTrue(header.contains("headroom.rate"), "each run carries its headroom: " + csv.get(0));
        assertTrue(result.stdout().contains("headroom: at most "), result::describe);
        assertTrue(result.stdout().contains("priors of heuristic-prior: heuristic"), result::describe);
        assertFalse(results.path("headroom").path("paper-10-random").isMissingNode(), "results.json has the headroom");

        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<html") && report.contains("greedy") && report.contains("local"),
                "report.html names both policies");
        List<Path> charts = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            files.filter(f -> f.toString().endsWith(".png")).forEach(charts::add);
        }
        assertFalse(charts.isEmpty(), "no PNG chart in " + out);
        for (Path chart : charts) {
            BufferedImage image = ImageIO.read(chart.toFile());
            assertTrue(image != null && image.getWidth() > 100 && image.getHeight() > 100, chart + " is no chart");
        }
    }

    /**
     * The reflection ablation: on a scenario whose faults have a memory, the lessons reach the stand-in
     * provider, so ledrl and ledrl-no-reflection decide differently and their rows differ (on memoryless scenarios
     * they were equal to the last digit).
     */
    @Test
    void reflectionChangesTheRowsOnAScenarioWhoseFaultsHaveAMemory() throws Exception {
        Path out = folder.resolve("ablation");

        LedrlProcess.Result result = installation.run(Duration.ofSeconds(180), "experiment", "--scenario", "flaky-20",
                "--seed-list", "3", "--policies", "ledrl,ledrl-no-reflection", "--out", out.toString());

        assertEquals(0, result.exitStatus(), result::describe);
        assertNoProblem(result);
        String withLessons = tableRow(result, "ledrl");
        String without = tableRow(result, "ledrl-no-reflection");
        assertFalse(withLessons.substring("ledrl".length()).trim().equals(
                without.substring("ledrl-no-reflection".length()).trim()),
                () -> "the rows are equal:\n" + withLessons + "\n" + without);
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        int policy = header.indexOf("policy");
        int successes = header.indexOf("total.successes");
        List<String> counts = csv.subList(1, csv.size()).stream().map(row -> row.split(",", -1))
                .map(cells -> cells[policy] + "=" + cells[successes]).toList();
        assertEquals(2, counts.size(), () -> "one run per policy: " + counts);
        assertFalse(counts.get(0).split("=")[1].equals(counts.get(1).split("=")[1]),
                () -> "both policies had the same successes: " + counts);
    }

    private static String tableRow(LedrlProcess.Result result, String policy) {
        return result.stdout().lines().filter(line -> line.startsWith(policy + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no table row for " + policy + ":\n" + result.describe()));
    }

    /** A one-shot command starts a platform of its own: it waits for the plugins of deploy/ to start first. */
    @Test
    void aOneShotCommandRunsOnceThePluginsOfDeployHaveStarted() throws Exception {
        String probe = "org.ledrl.e2e.oneshot";
        installation.writeAtomically(installation.deploy().resolve("one-shot-probe.jar"), ProbeBundle.jar(probe));

        LedrlProcess.Result result = installation.run(COMMAND_DEADLINE, "policies");

        assertEquals(0, result.exitStatus(), result::describe);
        assertNoProblem(result);
        List<String> lines = result.stdout().lines().toList();
        int started = lines.indexOf(org.ledrl.e2e.probe.DeployProbe.STARTED + probe);
        int listing = lines.indexOf(lines.stream().filter(l -> l.contains("POLICY")).findFirst().orElse("none"));
        assertTrue(started >= 0 && listing > started, () -> "the plugin started before the command ran:\n"
                + result.describe());
    }

    @Test
    void policiesListsTheShippedPolicies() throws Exception {
        LedrlProcess.Result policies = installation.run(COMMAND_DEADLINE, "policies");

        assertEquals(0, policies.exitStatus(), policies::describe);
        for (String name : List.of("local", "random", "round-robin", "greedy", "heuristic-prior", "ratc", "agsp",
                "mappo", "ledrl", "ledrl-no-reflection", "ledrl-heuristic", "mappo-prior-mlp", "llm-direct")) {
            assertTrue(Pattern.compile("(?m)^[ *] " + Pattern.quote(name) + "\\s").matcher(policies.stdout()).find(),
                    () -> name + " is not listed:\n" + policies.stdout());
        }
        assertNoProblem(policies);
    }

    private static Set<String> listedCommands(String help) {
        Set<String> names = new HashSet<>();
        Matcher m = LISTED_COMMAND.matcher(help);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static long sum(Iterable<JsonNode> numbers) {
        long sum = 0;
        for (JsonNode n : numbers) {
            sum += n.asLong();
        }
        return sum;
    }

    private static long sum(Iterator<JsonNode> numbers) {
        List<JsonNode> all = new ArrayList<>();
        numbers.forEachRemaining(all::add);
        return sum(all);
    }

    static void assertNoProblem(LedrlProcess.Result result) {
        List<String> problems = result.all().lines().filter(LedrlProcess.PROBLEM.asPredicate()).toList();
        assertTrue(problems.isEmpty(), () -> "errors or stack traces printed: " + problems + "\n" + result.describe());
    }
}
