package org.ledrl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenariosTest {

    /** The scenarios the distribution ships, from this module's folder. */
    static final Path SHIPPED = Path.of("../../distribution/src/conf/scenarios");

    @TempDir
    Path dir;

    private ScenarioException failure(String yaml, String... sets) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        return assertThrows(ScenarioException.class, () -> Scenarios.load(file, List.of(sets)));
    }

    @Test
    void defaultsAreThePapersSettings() {
        Scenario scenario = Scenarios.defaults();
        assertEquals(100, scenario.slots());
        assertEquals(new Range(250, 500), scenario.tasks().sizeKB());
        assertEquals(new Range(800, 2400), scenario.tasks().cyclesPerBit());
        assertEquals(4.0, scenario.tasks().deadlineS());
        assertEquals(0.1, scenario.failures().rejoinProbability());
        assertEquals(0.02, scenario.failures().nodeRate(), 1e-12);
        assertEquals(List.of("video-analytics", "sensor-fusion", "control"),
                scenario.tasks().types().stream().map(TaskType::name).toList());
        assertEquals(2.0, scenario.tasks().types().get(2).deadlineS(), "control has half the deadline");
    }

    @Test
    void everyShippedScenarioLoadsAndBuilds() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(SHIPPED)) {
            files = list.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith("-topology.yaml"))
                    .sorted().toList();
        }
        assertTrue(files.size() >= 8, "shipped scenarios: " + files);
        for (Path file : files) {
            Scenario scenario = Scenarios.load(file, List.of());
            assertEquals(file.getFileName().toString().replace(".yaml", ""), scenario.name(), "name of " + file);
            assertEquals(new Range(250, 500), scenario.tasks().sizeKB(), "sizes of " + file);
            Simulation simulation = new Simulation(scenario);
            assertEquals(scenario.topology().nodes(), simulation.topology().size(), "nodes of " + file);
        }
    }

    @Test
    void theRobustnessScenariosReachAQuarter() throws Exception {
        assertEquals(0.25, Scenarios.load(SHIPPED.resolve("robustness-execution.yaml"), List.of()).failures()
                .executionRate());
        assertEquals(0.25, Scenarios.load(SHIPPED.resolve("robustness-transmission.yaml"), List.of()).failures()
                .transmissionRate());
    }

    @Test
    void theTopologyFileIsReadWithNamesAndDefaults() throws Exception {
        Scenario campus = Scenarios.load(SHIPPED.resolve("campus.yaml"), List.of());
        assertEquals(8, campus.topology().nodes());
        Simulation simulation = new Simulation(campus);
        assertEquals("gateway-north", simulation.topology().nodes().get(0).name());
        assertEquals(4.0, simulation.topology().nodes().get(0).cpuGHz());
        double cpu = simulation.topology().nodes().get(7).cpuGHz();
        assertTrue(cpu >= 1.0 && cpu <= 4.0, "hub-parking draws its CPU from nodes.cpuGHz: " + cpu);
        assertEquals(9, simulation.topology().links().size());
    }

    @Test
    void overridesReplaceKeysNestedOrDotted() throws Exception {
        Scenario scenario = Scenarios.parse("topology: {type: ring, nodes: 12}\nfailures.linkRate: 0.5\n", "t",
                List.of("topology.nodes=14", "links.rateMBps=[5, 6]", "failures.linkRate=0.25",
                        "tasks.types=[control]"));
        assertEquals("ring", scenario.topology().type());
        assertEquals(14, scenario.topology().nodes());
        assertEquals(new Range(5, 6), scenario.links().rateMBps());
        assertEquals(0.25, scenario.failures().linkRate());
        assertEquals(1, scenario.tasks().types().size());
    }

    @Test
    void customTaskTypesInheritTheBaseRanges() throws Exception {
        Scenario scenario = Scenarios.parse("tasks:\n  deadlineS: 3\n  types:\n    - {name: ar, weight: 2,"
                + " sizeKB: [100, 200]}\n    - control\n", "t", List.of());
        TaskType ar = scenario.tasks().types().get(0);
        assertEquals(new Range(100, 200), ar.sizeKB());
        assertEquals(new Range(800, 2400), ar.cyclesPerBit());
        assertEquals(3.0, ar.deadlineS());
        assertEquals(2.0, ar.weight());
    }

    @Test
    void anUnknownKeyIsNamed() throws IOException {
        ScenarioException e = failure("tasks:\n  deadline: 4\n");
        assertEquals("tasks.deadline", e.key());
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.yaml") + ": tasks.deadline: unknown key"),
                e.getMessage());
    }

    @Test
    void aWrongTypeIsNamed() throws IOException {
        ScenarioException e = failure("slots: many\n");
        assertEquals("slots", e.key());
        assertTrue(e.problem().contains("whole number") && e.problem().contains("'many'"), e.problem());
        assertEquals("topology.nodes", failure("topology: {nodes: 2.5}").key());
        assertEquals("links.rateMBps", failure("links: {rateMBps: fast}").key());
    }

    @Test
    void minAboveMaxIsNamed() throws IOException {
        ScenarioException e = failure("tasks: {sizeKB: [500, 250]}\n");
        assertEquals("tasks.sizeKB", e.key());
        assertTrue(e.problem().contains("min 500.0 is greater than max 250.0"), e.problem());
    }

    @Test
    void aNegativeRateIsNamed() throws IOException {
        ScenarioException e = failure("failures: {linkRate: -0.1}\n");
        assertEquals("failures.linkRate", e.key());
        assertTrue(e.problem().contains("must not be negative"), e.problem());
        assertEquals("failures.executionRate", failure("failures: {executionRate: 1.5}").key());
    }

    @Test
    void resendSettingsAreCheckedAndDefaultToNone() throws IOException {
        assertEquals(0, Scenarios.defaults().failures().transmissionRetries());
        assertEquals(0.5, Scenarios.defaults().failures().retransmitTimeoutS());
        assertEquals("failures.transmissionRetries", failure("failures: {transmissionRetries: 1.5}").key());
        assertEquals("failures.transmissionRetries", failure("failures: {transmissionRetries: -1}").key());
        ScenarioException e = failure("failures: {retransmitTimeoutS: -0.2}\n");
        assertEquals("failures.retransmitTimeoutS", e.key());
        assertTrue(e.problem().contains("must not be negative"), e.problem());
    }

    @Test
    void aBadOverrideIsNamedAsSuch() throws IOException {
        ScenarioException e = failure("name: x\n", "tasks.deadlineS=soon");
        assertEquals("tasks.deadlineS (from --set)", e.key());
        assertEquals("nodes.speed (from --set)", failure("name: x\n", "nodes.speed=3").key());
        assertEquals("novalue", failure("name: x\n", "novalue").key());
    }

    @Test
    void aDisconnectedTopologyFileIsRefused() throws IOException {
        Files.writeString(dir.resolve("islands.yaml"), "nodes: [{name: a}, {name: b}, {name: c}, {name: d}]\n"
                + "links: [{a: a, b: b}, {a: c, b: d}]\n");
        ScenarioException e = failure("topology: {type: file, file: islands.yaml}\n");
        assertTrue(e.source().endsWith("islands.yaml"), e.source());
        assertEquals("links", e.key());
        assertTrue(e.problem().contains("not connected") && e.problem().contains("node c"), e.problem());
    }

    @Test
    void topologyFileMistakesAreNamed() throws IOException {
        Files.writeString(dir.resolve("t.yaml"), "nodes: [{name: a}, {name: b}]\nlinks: [{a: a, b: z}]\n");
        assertEquals("links[0].b", failure("topology: {type: file, file: t.yaml}\n").key());
        Files.writeString(dir.resolve("t.yaml"), "nodes: [{name: a}, {name: b}]\n"
                + "links: [{a: 0, b: 1, rateMBps: [20, 10]}]\n");
        assertEquals("links[0].rateMBps", failure("topology: {type: file, file: t.yaml}\n").key());
        ScenarioException missing = failure("topology: {type: file, file: missing.yaml}\n");
        assertTrue(missing.source().endsWith("missing.yaml") && missing.problem().contains("cannot read"),
                missing.getMessage());
        assertEquals("topology.file", failure("topology: {type: file}\n").key());
    }

    @Test
    void impossibleGraphsAreRefused() throws IOException {
        assertEquals("topology.degree", failure("topology: {nodes: 10, degree: 1.2}\n").key());
        assertEquals("topology.type", failure("topology: {type: star}\n").key());
        assertEquals("topology.nodes", failure("topology: {type: ring, nodes: 2}\n").key());
    }

    @Test
    void malformedYamlAndDuplicateKeysAreRefused() throws IOException {
        assertTrue(failure("slots: [1,\n").problem().startsWith("the file is not valid YAML: "));
        assertTrue(failure("slots: 1\nslots: 2\n").problem().contains("gives the key 'slots' twice"));
    }
}
