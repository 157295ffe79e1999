package org.ledrl.experiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ledrl.experiment.internal.TestPolicies.Fastest;
import org.ledrl.experiment.internal.TestPolicies.Local;
import org.ledrl.experiment.internal.TestPolicies.Registry;
import org.ledrl.sim.Scenario;
import org.junit.jupiter.api.Test;

/** {@code --paper}: the shipped paper scenarios, the robustness sweeps, their table, charts and report. */
class PaperStudyTest extends CommandFixture {

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
}
