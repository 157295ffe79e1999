package org.ledrl.experiment.internal;

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
            new Flaky(0)), config(2));

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
    }

    @Test
    void aPolicyWithAValidationCurveConvergesOnItAndGetsItsChart() throws Exception {
        // moving means over 3: 0.2 0.2 0.2 0.4 0.6 0.8 0.8, so 95% of 0.8 from episode 50 (over 10 it would be 60)
        List<CurvePoint> validation = List.of(new CurvePoint(0, 0.2), new CurvePoint(10, 0.2),
                new CurvePoint(20, 0.2), new CurvePoint(30, 0.8), new CurvePoint(40, 0.8), new CurvePoint(50, 0.8),
                new CurvePoint(60, 0.8));
        ExperimentCommand learned = new ExperimentCommand(new Registry(new Local(),
                new Trained("validated", validation), new Trained("unvalidated", List.of())), config(2));
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
                new Trained("unvalidated", List.of())), config(2));
        Path results = dir.resolve("learned");
        assertEquals(0, learned.run(List.of("--scenario", scenario.toString(), "--seeds", "1", "--out",
                results.toString()), context()));
        assertTrue(Files.exists(results.resolve("convergence.png")));
        assertTrue(Files.notExists(results.resolve("convergence-validation.png")));
        assertFalse(Files.readString(results.resolve("report.html")).contains("convergence-validation"));
    }

    @Test
    void runsAreDeterministicPerSeedWhateverTheThreads() throws Exception {
        run("--scenario", scenario.toString(), "--policies", "fastest,local", "--seed-list", "5,9", "--out",
                dir.resolve("a").toString());
        ExperimentCommand oneThread = new ExperimentCommand(new Registry(new Local(), new Fastest()), config(1));
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

    @Test
    void thePaperFlagTakesTheShippedPaperScenarios() throws Exception {
        Path shipped = dir.resolve("conf/scenarios");
        Files.createDirectories(shipped);
        Files.writeString(shipped.resolve("paper-small.yaml"), "name: paper-small\nslots: 5\nepisodes: 1\n");
        Files.writeString(shipped.resolve("other.yaml"), "name: other\nslots: 5\n");
        ExperimentPlan plan = ExperimentPlan.parse(List.of("--paper"), context(), new Registry(new Local(),
                new Fastest()), new ExperimentPlan.Defaults(3, 0, "runs"));
        assertEquals(List.of("paper-small"), plan.scenarioNames());
        assertEquals(List.of("fastest", "local"), plan.policyNames());
        assertEquals(List.of(1L, 2L, 3L), plan.seeds());

        ExperimentPlan byName = ExperimentPlan.parse(List.of("--scenario", "other", "paper-small.yaml"), context(),
                new Registry(new Local()), new ExperimentPlan.Defaults(3, 0, "runs"));
        assertEquals(List.of("other", "paper-small"), byName.scenarioNames(), "names resolve in conf/scenarios");
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
