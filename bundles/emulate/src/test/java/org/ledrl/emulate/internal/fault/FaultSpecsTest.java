package org.ledrl.emulate.internal.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioDraws;
import org.ledrl.sim.Scenarios;

class FaultSpecsTest {

    @Test
    void killWithRestart() throws FaultSpecException {
        FaultSpec spec = FaultSpecs.parse("kill:3@20s-40s");
        assertEquals(FaultSpec.Kind.KILL, spec.kind());
        assertEquals(3, spec.node());
        assertEquals(20_000, spec.atMillis());
        assertEquals(40_000, spec.endMillis());
        assertTrue(spec.restarts());
    }

    @Test
    void killForGoodTakesMillisecondsAndBareSeconds() throws FaultSpecException {
        FaultSpec spec = FaultSpecs.parse("kill:0@1500ms");
        assertEquals(1_500, spec.atMillis());
        assertFalse(spec.restarts());
        assertEquals(2_500, FaultSpecs.parse("KILL:1@2.5").atMillis());
    }

    @Test
    void pauseBrokerAndCut() throws FaultSpecException {
        FaultSpec pause = FaultSpecs.parse("pause:2@10s-12.5s");
        assertEquals(FaultSpec.Kind.PAUSE, pause.kind());
        assertEquals(12_500, pause.endMillis());
        FaultSpec broker = FaultSpecs.parse("broker@30s");
        assertEquals(FaultSpec.Kind.BROKER, broker.kind());
        assertEquals(30_000, broker.endMillis(), "a broker without an end comes back at once");
        FaultSpec cut = FaultSpecs.parse(" cut:4-1@5s-9s ");
        assertEquals(FaultSpec.Kind.CUT, cut.kind());
        assertEquals(1, cut.a());
        assertEquals(4, cut.b());
        assertEquals("cut:4-1@5s-9s", cut.text());
        assertEquals(FaultSpec.Kind.NODE_FAILURES, FaultSpecs.parse("node-failures").kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                  | fault spec is empty",
        "explode:3@2s        | fault spec 'explode:3@2s' is not one of kill:NODE@T",
        "kill:x@20s          | fault spec 'kill:x@20s': 'x' is not a node id",
        "kill:-1@20s         | fault spec 'kill:-1@20s': '-1' is not a node id",
        "kill:3@soon         | fault spec 'kill:3@soon': 'soon' is not a time",
        "kill:3@40s-20s      | fault spec 'kill:3@40s-20s': the end (20s) must come after the start (40s)",
        "kill:3@1s-2s-3s     | fault spec 'kill:3@1s-2s-3s': '1s-2s-3s' is not T or T-T2",
        "pause:3@20s         | fault spec 'pause:3@20s' needs an end time",
        "cut:1@2s-3s         | fault spec 'cut:1@2s-3s': link '1' is not A-B",
        "cut:2-2@2s-3s       | fault spec 'cut:2-2@2s-3s': a link joins two different nodes",
        "cut:1-2@2s          | fault spec 'cut:1-2@2s' needs an end time",
        "broker@2h           | fault spec 'broker@2h': '2h' is not a time",
        "kill:1@100000s      | fault spec 'kill:1@100000s': '100000s' is more than a day",
    })
    void badSpecsAreRefusedNamingTheSpec(String spec, String message) {
        FaultSpecException e = assertThrows(FaultSpecException.class, () -> FaultSpecs.parse(spec));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    private static Scenario ring(int nodes, String... sets) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("topology.type=ring", "topology.nodes=" + nodes));
        all.addAll(List.of(sets));
        return Scenarios.parse("name: t\n", "test", all);
    }

    @Test
    void aPlanRefusesWhatTheScenarioDoesNotHave() throws Exception {
        Scenario scenario = ring(4);
        var topology = new ScenarioDraws(scenario).topology();
        FaultSpecException node = assertThrows(FaultSpecException.class, () -> FaultPlan.of(
                List.of(FaultSpecs.parse("kill:7@2s")), topology, scenario, 60_000, 1, 1));
        assertEquals("fault spec 'kill:7@2s': the scenario has nodes 0 to 3, no node 7", node.getMessage());
        FaultSpecException link = assertThrows(FaultSpecException.class, () -> FaultPlan.of(
                List.of(FaultSpecs.parse("cut:0-2@2s-4s")), topology, scenario, 60_000, 1, 1));
        assertEquals("fault spec 'cut:0-2@2s-4s': the scenario has no link 0-2", link.getMessage());
        FaultSpecException late = assertThrows(FaultSpecException.class, () -> FaultPlan.of(
                List.of(FaultSpecs.parse("broker@70s")), topology, scenario, 60_000, 1, 1));
        assertTrue(late.getMessage().contains("starts at or after the end of the run (60.0 s)"), late.getMessage());
        FaultSpecException overlap = assertThrows(FaultSpecException.class, () -> FaultPlan.of(
                List.of(FaultSpecs.parse("kill:1@10s-30s"), FaultSpecs.parse("pause:1@20s-25s")), topology, scenario,
                60_000, 1, 1));
        assertTrue(overlap.getMessage().contains("overlap on gateway 1"), overlap.getMessage());
    }

    @Test
    void nodeFailuresFollowTheScenariosProcess() throws Exception {
        Scenario scenario = ring(6, "failures.nodeHardwareRate=0.05", "failures.nodeSoftwareRate=0.05",
                "failures.rejoinProbability=0.2");
        var topology = new ScenarioDraws(scenario).topology();
        FaultPlan plan = FaultPlan.of(List.of(FaultSpecs.parse("node-failures")), topology, scenario, 600_000, 1, 7);
        // 6 nodes failing at 0.1/s, down ~5 s each time: about 6 x 600 / 15 = 240 kills
        assertTrue(plan.faults().size() > 120 && plan.faults().size() < 400, "kills: " + plan.faults().size());
        for (FaultSpec kill : plan.faults()) {
            assertEquals(FaultSpec.Kind.KILL, kill.kind());
            assertTrue(kill.endMillis() > kill.atMillis() && kill.atMillis() < 600_000, kill.toString());
        }
        assertEquals(plan.faults(), FaultPlan.of(List.of(FaultSpecs.parse("node-failures")), topology, scenario,
                600_000, 1, 7).faults(), "the same seed, the same kills");
    }
}
