package org.ledrl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure-memory keys: their defaults change nothing, bit for bit; set, they change the failures. */
class FailureMemoryTest {

    @Test
    void theDefaultsLeaveAScenarioBitIdenticalAndMemoryChangesIt() throws Exception {
        List<String> base = List.of("topology.nodes=10", "slots=200", "episodes=2", "failures.executionRate=0.1",
                "failures.transmissionRate=0.1");
        Scenario plain = Scenarios.parse("{}", "s", base);
        List<String> explicit = new ArrayList<>(base);
        explicit.addAll(List.of("failures.nodes.flakyShare=0.3", "failures.nodes.flakyFactor=1",
                "failures.links.logSigma=0", "failures.bursts.meanGoodS=0", "failures.bursts.badFactor=1"));
        Scenario same = Scenarios.parse("{}", "s", explicit);
        assertTrue(same.failures().memory().none());
        assertEquals(FailureMemory.NONE, plain.failures().memory());
        RunResult a = Runner.of(plain, TestPolicies.greedy()).seed(4).run();
        RunResult b = Runner.of(same, TestPolicies.greedy()).seed(4).run();
        assertEquals(a.total().successes(), b.total().successes());
        assertEquals(a.total().failures(), b.total().failures());
        assertEquals(Double.doubleToLongBits(a.total().latencyMeanS()),
                Double.doubleToLongBits(b.total().latencyMeanS()));

        List<String> bursty = new ArrayList<>(base);
        bursty.addAll(List.of("failures.bursts.meanGoodS=20", "failures.bursts.meanBadS=10",
                "failures.bursts.badFactor=5"));
        RunResult c = Runner.of(Scenarios.parse("{}", "s", bursty), TestPolicies.greedy()).seed(4).run();
        assertNotEquals(a.total().failures(), c.total().failures(), "bursts change the failures");
    }

    @Test
    void badFailureMemoryKeysAreRefusedByName() {
        ScenarioException share = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> Scenarios.parse("{}", "s", List.of("failures.nodes.flakyShare=1.5")));
        assertTrue(share.getMessage().contains("failures.nodes.flakyShare") && share.getMessage().contains("at most 1"),
                share.getMessage());
        ScenarioException bad = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> Scenarios.parse("{}", "s", List.of("failures.bursts.meanGoodS=30")));
        assertTrue(bad.getMessage().contains("failures.bursts.meanBadS"), bad.getMessage());
        ScenarioException flag = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> Scenarios.parse("{}", "s", List.of("failures.bursts.nodes=often")));
        assertTrue(flag.getMessage().contains("true or false"), flag.getMessage());
    }
}
