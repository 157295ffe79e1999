package org.ledrl.experiment.internal;

import static org.ledrl.experiment.internal.TestMemories.MEMORIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ledrl.api.command.Arguments.UsageException;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.policy.mappo.CurvePoint;
import org.ledrl.policy.mappo.LearnedPolicy;
import org.ledrl.sim.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path scenario;

    /** Keeps every task on the node it arrived at. */
    private static final class Local implements OffloadingPolicy {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            return Decision.of(observation.agent(), name());
        }
    }

    /** Sends each task to the neighbour that finishes it first, like greedy. */
    private static final class Fastest implements OffloadingPolicy {
        @Override
        public String name() {
            return "fastest";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            Candidate best = observation.self();
            for (Candidate c : observation.candidates()) {
                if (c.available() && c.estimatedLatency(observation.task()) < best.estimatedLatency(observation.task())) {
                    best = c;
                }
            }
            return Decision.of(best.node(), name());
        }
    }

    /** Fine except in the run seeded 2, where its first decision throws. */
    private static final class Flaky implements OffloadingPolicy {
        private final long seed;

        Flaky(long seed) {
            this.seed = seed;
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            if (seed == 2) {
                throw new IllegalStateException("flaky broke on purpose");
            }
            return Decision.of(observation.agent(), name());
        }

        @Override
        public OffloadingPolicy forRun(long runSeed) {
            return new Flaky(runSeed);
        }
    }

    /** Keeps tasks local, and shows the curves its training would have written. */
    private static final class Trained implements OffloadingPolicy, LearnedPolicy {
        private final String name;
        private final List<CurvePoint> validation;

        Trained(String name, List<CurvePoint> validation) {
            this.name = name;
            this.validation = validation;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            return Decision.of(observation.agent(), name());
        }

        /** Level from the first episode: 95% of the final training rate is reached at once. */
        @Override
        public List<CurvePoint> trainingCurve() {
            List<CurvePoint> points = new ArrayList<>();
            for (int episode = 1; episode <= 60; episode++) {
                points.add(new CurvePoint(episode, 0.5));
            }
            return points;
        }

        @Override
        public List<CurvePoint> validationCurve() {
            return validation;
        }
    }

    private static final class Registry implements PolicyRegistry {
        private final Map<String, OffloadingPolicy> policies = new LinkedHashMap<>();

        Registry(OffloadingPolicy... installed) {
            for (OffloadingPolicy p : installed) {
                policies.put(p.name(), p);
            }
        }

        @Override
        public List<String> names() {
            return policies.keySet().stream().sorted().toList();
        }

        @Override
        public Optional<OffloadingPolicy> find(String name) {
            return Optional.ofNullable(policies.get(name));
        }
    }

    private final ExperimentCommand command = new ExperimentCommand(new Registry(new Local(), new Fastest(),
            new Flaky(0)), MEMORIES, config(2));

    @BeforeEach
    void writeScenario() throws Exception {
        scenario = dir.resolve("tiny.yaml");
        Files.writeString(scenario, """
                name: tiny
                slots: 20
                episodes: 2
                topology: {nodes: 6}
                tasks: {arrivalProbability: 0.8}
                """);
    }

    private CommandContext context() {
        return new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, dir);
    }

    private int run(String... args) throws Exception {
        return command.run(List.of(args), context());
    }

    @Test
    void aThrowingRunIsRecordedAsFailedAndEveryOtherRunIsWritten() throws Exception {
        Path results = dir.resolve("out");
        int status = run("--scenario", scenario.toString(), "--policies", "local,flaky,fastest", "--seeds", "3",
                "--out", results.toString());
        assertEquals(1, status, "a failed run makes the exit status 1");

        JsonNode json = new ObjectMapper().readTree(results.resolve("results.json").toFile());
        JsonNode runs = json.get("runs");
        assertEquals(9, runs.size());
        List<String> failed = new ArrayList<>();
        for (JsonNode run : runs) {
            String id = run.get("policy").asText() + "/" + run.get("seed").asLong();
            if (run.get("status").asText().equals("failed")) {
                failed.add(id);
                assertTrue(run.get("error").asText().contains("flaky broke on purpose"), run.get("error").asText());
            } else {
                assertTrue(run.get("total").get("tasks").asLong() > 0, id + " ran no task");
                assertEquals(2, run.get("episodes").size(), id);
            }
        }
        assertEquals(List.of("flaky/2"), failed);
        JsonNode flaky = json.get("aggregates").get(1);
        assertEquals("flaky", flaky.get("policy").asText());
        assertEquals(1, flaky.get("failedRuns").asInt());
        assertEquals(2, flaky.get("successRate").get("n").asInt());

        assertEquals(10, Files.readAllLines(results.resolve("results.csv")).size());
        String html = Files.readString(results.resolve("report.html"));
        assertTrue(html.contains("flaky broke on purpose"));
        for (String png : List.of("success-rate.png", "gain-vs-local.png", "failures-tiny.png", "episodes-tiny.png", "latency-tiny.png")) {
            assertTrue(Files.size(results.resolve(png)) > 1000, png);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Report:  " + results.resolve("report.html").toAbsolutePath()), printed);
        assertTrue(printed.contains("1 of 3 runs failed"), printed);
        assertTrue(printed.contains("vs local"), printed);
        JsonNode comparisons = json.get("comparisons");
        assertEquals(2, comparisons.size(), "flaky and fastest against local on the one scenario");
        assertEquals("flaky", comparisons.get(0).get("policy").asText());
        assertEquals(2, comparisons.get(0).get("successRateDifference").get("n").asInt(), "seed 2 has no pair");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("FAILED flaky on tiny seed 2"));

        // the headroom: a line under the table, a row in the report, per scenario and per run in the results
        assertTrue(printed.contains("\nheadroom: at most "), printed);
        assertTrue(printed.contains(" on tiny (tasks that could succeed somewhere; best "), printed);
        assertTrue(html.contains("<tr class=\"headroom\"><td>headroom</td>"), "the report's headroom row");
        JsonNode headroom = json.get("headroom").get("tiny");
        assertEquals(3, headroom.get("seeds").size(), "measured for every seed, also the one whose run failed");
        double bound = headroom.get("rate").get("mean").asDouble();
        for (JsonNode aggregate : json.get("aggregates")) {
            assertTrue(aggregate.get("successRate").get("mean").asDouble() <= bound, aggregate.toString());
        }
        for (JsonNode run : runs) {
            JsonNode seed = headroom.get("seeds").get((int) run.get("seed").asLong() - 1);
            assertEquals(seed.get("rate"), run.get("headroom").get("rate"), "each run carries its seed's bound");
            if (run.get("status").asText().equals("ok")) {
                assertEquals(run.get("total").get("tasks"), run.get("headroom").get("tasks"), "the same tasks");
                assertTrue(run.get("total").get("successRate").asDouble() <= run.get("headroom").get("rate")
                        .asDouble(), run.toString());
            }
        }
        assertTrue(Files.readAllLines(results.resolve("results.csv")).get(0).contains(",headroom.rate,"));
    }

    @Test
    void aPolicyWithAValidationCurveConvergesOnItAndGetsItsChart() throws Exception {
        // moving means over 3: 0.2 0.2 0.2 0.4 0.6 0.8 0.8, so 95% of 0.8 from episode 50 (over 10 it would be 60)
        List<CurvePoint> validation = List.of(new CurvePoint(0, 0.2), new CurvePoint(10, 0.2),
                new CurvePoint(20, 0.2), new CurvePoint(30, 0.8), new CurvePoint(40, 0.8), new CurvePoint(50, 0.8),
                new CurvePoint(60, 0.8));
        ExperimentCommand learned = new ExperimentCommand(new Registry(new Local(),
                new Trained("validated", validation), new Trained("unvalidated", List.of())), MEMORIES, config(2));
        Path results = dir.resolve("learned");
        assertEquals(0, learned.run(List.of("--scenario", scenario.toString(), "--seeds", "1", "--out",
                results.toString()), context()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("  validated converged (95% of its final validation success rate, fixed "
                + "validation episodes every 10 training episodes) after 50 training episodes"), printed);
        assertTrue(printed.contains("  unvalidated converged (95% of its final training success rate) after 1 "
                + "training episodes"), printed);
        assertFalse(printed.contains("  validated converged (95% of its final training"), printed);

        assertTrue(Files.size(results.resolve("convergence.png")) > 1000);
        assertTrue(Files.size(results.resolve("convergence-validation.png")) > 1000);
        String html = Files.readString(results.resolve("report.html"));
        assertTrue(html.contains("<figure id=\"convergence-validation.png\">"), "the chart is in the report");
        assertTrue(html.contains("Convergence: success rate on fixed validation episodes during training "
                + "(convergence-validation.png)</figcaption>"), "with its caption");
        assertTrue(html.contains("after 50 training episodes (95% of its final validation success rate, fixed "
                + "validation episodes every 10 training episodes)"), "the settings say how it converged");
    }

    @Test
    void withoutValidationCurvesThereIsNoValidationChart() throws Exception {
        ExperimentCommand learned = new ExperimentCommand(new Registry(new Local(),
                new Trained("unvalidated", List.of())), MEMORIES, config(2));
        Path results = dir.resolve("learned");
        assertEquals(0, learned.run(List.of("--scenario", scenario.toString(), "--seeds", "1", "--out",
                results.toString()), context()));
        assertTrue(Files.exists(results.resolve("convergence.png")));
        assertTrue(Files.notExists(results.resolve("convergence-validation.png")));
        assertFalse(Files.readString(results.resolve("report.html")).contains("convergence-validation"));
    }

    @Test
    void twoPoliciesThatDecideAlikeInEveryRunSaySoBesideTheirRows() throws Exception {
        OffloadingPolicy stay = new OffloadingPolicy() {
            @Override
            public String name() {
                return "stay";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                return Decision.of(observation.agent(), name());
            }
        };
        ExperimentCommand twins = new ExperimentCommand(new Registry(new Local(), new Fastest(), stay), MEMORIES,
                config(2));
        assertEquals(0, twins.run(List.of("--scenario", scenario.toString(), "--policies", "local,fastest,stay",
                "--seeds", "2", "--out", dir.resolve("twins").toString()), context()));
        List<String> rows = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("stay ") && l.endsWith("(identical to local in every run)")),
                out.toString(StandardCharsets.UTF_8));
        assertTrue(rows.stream().noneMatch(l -> l.startsWith("fastest ") && l.contains("identical")),
                out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("twins/report.html")).contains("identical to local in every run"));
    }

    @Test
    void runsAreDeterministicPerSeedWhateverTheThreads() throws Exception {
        run("--scenario", scenario.toString(), "--policies", "fastest,local", "--seed-list", "5,9", "--out",
                dir.resolve("a").toString());
        ExperimentCommand oneThread = new ExperimentCommand(new Registry(new Local(), new Fastest()), MEMORIES,
                config(1));
        oneThread.run(List.of("--scenario", scenario.toString(), "--policies", "fastest,local", "--seed-list", "5,9",
                "--out", dir.resolve("b").toString()), context());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("a/results.json").toFile()).get("runs");
        JsonNode b = new ObjectMapper().readTree(dir.resolve("b/results.json").toFile()).get("runs");
        assertEquals(4, a.size());
        for (int i = 0; i < a.size(); i++) {
            for (String field : List.of("tasks", "successes", "latencyMeanS", "meanReward")) {
                assertEquals(a.get(i).get("total").get(field), b.get(i).get("total").get(field), field + " of run " + i);
            }
            assertEquals(a.get(i).get("latencyHistogram"), b.get(i).get("latencyHistogram"));
        }
        assertEquals(new ObjectMapper().readTree(dir.resolve("a/results.json").toFile()).get("headroom"),
                new ObjectMapper().readTree(dir.resolve("b/results.json").toFile()).get("headroom"));
    }

    @Test
    void anUnknownPolicyIsNamedWithTheInstalledOnes() {
        UsageException e = assertThrows(UsageException.class,
                () -> run("--scenario", scenario.toString(), "--policies", "local,nope"));
        assertEquals("unknown policy 'nope'; installed: fastest, flaky, local", e.getMessage());
    }

    @Test
    void aMissingOrBadScenarioIsNamed() throws Exception {
        UsageException missing = assertThrows(UsageException.class,
                () -> run("--scenario", dir.resolve("absent.yaml").toString()));
        assertTrue(missing.getMessage().startsWith("scenario file '" + dir.resolve("absent.yaml") + "' not found"),
                missing.getMessage());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "slots: -3\n");
        UsageException invalid = assertThrows(UsageException.class, () -> run("--scenario", bad.toString()));
        assertTrue(invalid.getMessage().contains("bad.yaml") && invalid.getMessage().contains("slots"),
                invalid.getMessage());
        assertTrue(Files.notExists(dir.resolve("runs")), "nothing ran, nothing was written");
    }

    /** Ships four small paper scenarios, another scenario and the named robustness files in the context's home. */
    private Path shipScenarios(String... robustnessFiles) throws Exception {
        Path shipped = dir.resolve("conf/scenarios");
        Files.createDirectories(shipped);
        for (String name : List.of("paper-10-random", "paper-10-ring", "paper-20-random", "paper-20-ring")) {
            Files.writeString(shipped.resolve(name + ".yaml"), "name: " + name
                    + "\nslots: 5\nepisodes: 1\ntopology: {nodes: 4}\n");
        }
        Files.writeString(shipped.resolve("other.yaml"), "name: other\nslots: 5\n");
        for (String file : robustnessFiles) {
            String name = file.replace(".yaml", "");
            Files.writeString(shipped.resolve(file), "name: " + name
                    + "\nslots: 5\nepisodes: 1\ntopology: {nodes: 4}\nfailures: {executionRate: 0.25}\n");
        }
        return shipped;
    }

    private ExperimentPlan paperPlan(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--paper"));
        all.addAll(List.of(args));
        return ExperimentPlan.parse(all, context(), new Registry(new Local(), new Fastest()),
                new ExperimentPlan.Defaults(3, 0, "runs"));
    }

    @Test
    void thePaperFlagTakesTheShippedPaperScenariosAndTheRobustnessSweeps() throws Exception {
        shipScenarios("robustness-execution.yaml", "robustness-transmission.yaml", "flaky-20.yaml", "bursty-20.yaml");
        ExperimentPlan plan = paperPlan("--set", "failures.linkRate=0.05");
        List<String> paper = List.of("paper-10-random", "paper-10-ring", "paper-20-random", "paper-20-ring");
        List<String> robustness = List.of("robustness-execution failures.executionRate=0",
                "robustness-execution failures.executionRate=0.1", "robustness-execution failures.executionRate=0.25",
                "robustness-transmission failures.transmissionRate=0",
                "robustness-transmission failures.transmissionRate=0.1",
                "robustness-transmission failures.transmissionRate=0.25",
                // failures with a memory: success against the flaky share, and against the bad state's factor
                "flaky-20 failures.nodes.flakyShare=0", "flaky-20 failures.nodes.flakyShare=0.1",
                "flaky-20 failures.nodes.flakyShare=0.2", "flaky-20 failures.nodes.flakyShare=0.4",
                "bursty-20 failures.bursts.badFactor=1", "bursty-20 failures.bursts.badFactor=5",
                "bursty-20 failures.bursts.badFactor=10");
        List<String> all = new ArrayList<>(paper);
        all.addAll(robustness);
        assertEquals(all, plan.scenarioNames());
        assertEquals(paper, plan.tableScenarioNames());
        assertEquals(robustness, plan.robustness());
        assertEquals(List.of(), plan.warnings());
        assertEquals(List.of("fastest", "local"), plan.policyNames());
        assertEquals(List.of(1L, 2L, 3L), plan.seeds());

        assertEquals(new SweepPoint("robustness-execution", "failures.executionRate", "0.1"),
                plan.sweepPoints().get(robustness.get(1)));
        Scenario.Failures execution = plan.scenarios().get(5).failures();
        assertEquals(0.1, execution.executionRate(), "the swept value replaces the file's 0.25");
        assertEquals(0.05, execution.linkRate(), "--set applies to the robustness scenarios too");
        Scenario.Failures transmission = plan.scenarios().get(9).failures();
        assertEquals(0.25, transmission.transmissionRate());
        assertEquals(0.25, transmission.executionRate(), "the other failure kind stays as the file has it");

        ExperimentPlan swept = paperPlan("--sweep", "failures.linkRate=0,0.05");
        assertEquals(List.of("paper-10-random failures.linkRate=0", "paper-10-random failures.linkRate=0.05"),
                swept.tableScenarioNames().subList(0, 2), "a --sweep applies to the paper scenarios");
        assertEquals(8, swept.tableScenarioNames().size());
        assertEquals(robustness, swept.robustness(), "and not to the robustness sweeps");

        ExperimentPlan byName = ExperimentPlan.parse(List.of("--scenario", "other", "paper-10-ring.yaml"), context(),
                new Registry(new Local()), new ExperimentPlan.Defaults(3, 0, "runs"));
        assertEquals(List.of("other", "paper-10-ring"), byName.scenarioNames(), "names resolve in conf/scenarios");
        assertEquals(List.of(), byName.robustness(), "without --paper, no robustness study");
    }

    @Test
    void aMissingRobustnessFileIsToldAndLeftOut() throws Exception {
        Path shipped = shipScenarios("robustness-execution.yaml", "flaky-20.yaml", "bursty-20.yaml");
        ExperimentPlan plan = paperPlan();
        assertEquals(List.of("--paper: robustness-transmission.yaml not found in " + shipped
                + ", so its robustness sweep is left out"), plan.warnings());
        assertEquals(3 + 4 + 3, plan.robustness().size());
        assertEquals(4 + 10, plan.scenarios().size());

        Path results = dir.resolve("paper");
        assertEquals(0, run("--paper", "--policies", "local", "--seeds", "1", "--out", results.toString()));
        assertEquals(List.of("warning: --paper: robustness-transmission.yaml not found in " + shipped
                + ", so its robustness sweep is left out"), err.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("warning")).toList(), "told once, beside the progress");
        assertTrue(Files.exists(results.resolve("robustness-execution.png")));
        assertTrue(Files.notExists(results.resolve("robustness-transmission.png")));
        assertTrue(Files.exists(results.resolve("robustness-flaky-20.png")), "success against the flaky share");
        assertTrue(Files.exists(results.resolve("robustness-bursty-20.png")));
    }

    @Test
    void thePaperReportHasTheRobustnessTableAndAChartPerFailureKind() throws Exception {
        shipScenarios("robustness-execution.yaml", "robustness-transmission.yaml");
        Path results = dir.resolve("paper");
        assertEquals(0, run("--paper", "--policies", "local,fastest", "--seeds", "2", "--out", results.toString()));

        List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
        String tableOne = printed.stream().filter(line -> line.startsWith("policy")).findFirst().orElseThrow();
        assertTrue(tableOne.matches("policy +paper-10-random +paper-10-ring +paper-20-random +paper-20-ring +"
                + "decision time"), tableOne);
        int title = printed.indexOf("Robustness: success rate against failure rate:");
        assertTrue(title > printed.indexOf(tableOne), "the robustness table comes after Table I");
        assertTrue(printed.get(title + 1).matches("policy +executionRate=0 +executionRate=0\\.1 +"
                + "executionRate=0\\.25 +transmissionRate=0 +transmissionRate=0\\.1 +transmissionRate=0\\.25"),
                printed.get(title + 1));
        assertEquals(2, printed.stream().filter(line -> line.startsWith("vs local")).count(),
                "the paired differences are split the same way");

        for (String png : List.of("robustness-execution.png", "robustness-transmission.png",
                "failures-paper-20-ring.png")) {
            assertTrue(Files.size(results.resolve(png)) > 1000, png);
        }
        try (var files = Files.list(results)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                    .filter(f -> f.matches("(failures|episodes|latency)-robustness.*")).toList(),
                    "the robustness scenarios have their own charts, not the per-scenario ones");
        }
        String html = Files.readString(results.resolve("report.html"));
        int robustness = html.indexOf("<h2>Robustness: success rate against failure rate</h2>");
        assertTrue(robustness > 0 && robustness < html.indexOf("<figure id=\"robustness-execution.png\">")
                && html.indexOf("<figure id=\"robustness-transmission.png\">")
                < html.indexOf("<h2>Paired differences</h2>"), "the charts are beside the robustness table");

        JsonNode settings = new ObjectMapper().readTree(results.resolve("results.json").toFile()).get("settings");
        assertEquals(10, settings.get("scenarios").size());
        assertEquals(6, settings.get("robustnessScenarios").size());
        JsonNode point = settings.get("sweeps").get("robustness-transmission failures.transmissionRate=0.1");
        assertEquals("robustness-transmission", point.get("base").asText());
        assertEquals("failures.transmissionRate", point.get("key").asText());
        assertEquals("0.1", point.get("value").asText());
    }

    @Test
    void aSweepAloneStillDrawsItsChartWithTheOtherCharts() throws Exception {
        Path results = dir.resolve("sweep");
        assertEquals(0, run("--scenario", scenario.toString(), "--sweep", "failures.executionRate=0,0.5",
                "--policies", "local,fastest", "--seeds", "1", "--out", results.toString()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("tiny failures.executionRate=0  ") && printed.contains(
                "tiny failures.executionRate=0.5  "), "both points are columns of the one table: " + printed);
        assertFalse(printed.contains("Robustness"), printed);
        assertTrue(Files.size(results.resolve("robustness-tiny.png")) > 1000);
        String html = Files.readString(results.resolve("report.html"));
        assertTrue(html.indexOf("<figure id=\"robustness-tiny.png\">") > html.indexOf("<h2>Charts</h2>"));
        assertFalse(html.contains("<h2>Robustness"), "no robustness table without --paper");
        JsonNode sweeps = new ObjectMapper().readTree(results.resolve("results.json").toFile()).get("settings")
                .get("sweeps");
        assertEquals("failures.executionRate", sweeps.get("tiny failures.executionRate=0.5").get("key").asText());
    }

    @Test
    void seedOptionsAreChecked() {
        assertThrows(UsageException.class, () -> run("--scenario", scenario.toString(), "--seeds", "3",
                "--seed-list", "1,2"));
        UsageException zero = assertThrows(UsageException.class, () -> run("--scenario", scenario.toString(),
                "--seeds", "0"));
        assertTrue(zero.getMessage().contains("--seeds"));
        UsageException word = assertThrows(UsageException.class, () -> run("--scenario", scenario.toString(),
                "--seed-list", "1,x"));
        assertTrue(word.getMessage().contains("'x'"));
    }

    private static ExperimentCommand.Config config(int threads) {
        return new ExperimentCommand.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ExperimentCommand.Config.class;
            }

            @Override
            public int seeds() {
                return 3;
            }

            @Override
            public int episodes() {
                return 0;
            }

            @Override
            public int threads() {
                return threads;
            }

            @Override
            public String[] references() {
                return new String[] {"local"};
            }

            @Override
            public String llmProvider() {
                return "";
            }

            @Override
            public long llmDelayMillis() {
                return 700;
            }

            @Override
            public String outputRoot() {
                return "runs";
            }
        };
    }
}
