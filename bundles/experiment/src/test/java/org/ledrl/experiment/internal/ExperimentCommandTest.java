package org.ledrl.experiment.internal;

import static org.ledrl.experiment.internal.TestMemories.MEMORIES;
import static org.ledrl.experiment.internal.TestPolicies.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ledrl.api.command.Arguments.UsageException;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.experiment.internal.TestPolicies.Fastest;
import org.ledrl.experiment.internal.TestPolicies.Local;
import org.ledrl.experiment.internal.TestPolicies.Registry;
import org.ledrl.experiment.internal.TestPolicies.Trained;
import org.ledrl.policy.mappo.CurvePoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command on a small scenario of its own: runs, results, reports, determinism, and bad options. */
class ExperimentCommandTest extends CommandFixture {

    private Path scenario;

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
}
