package org.ledrl.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;
import org.ledrl.sim.Scenarios;

/**
 * The headroom's rule on hand-built observations. The network is a ring of four nodes, links 0: 0-1, 1: 0-3,
 * 2: 1-2, 3: 2-3, each 10-40 MB/s with 2 ms latency; agent 0 decides at t = 10 s. The task has 0.4 MB and 3.2
 * Gcycles: 1.067 s at 3 GHz, 0.022 s over one hop at 20 MB/s, 0.044 s over two.
 */
class FeasibilityTest {

    private static final long AT = 10_000;
    private static final Task TASK = new Task(0, 0, AT, 400, 1000, 4.0, "test");
    private static final Route SELF = Route.self(0);
    private static final Route TO_1 = new Route(new int[] {0}, new int[] {0, 1}, new double[] {10},
            new double[] {40}, new double[] {0.002});
    private static final Route TO_2 = new Route(new int[] {0, 2}, new int[] {0, 1, 2}, new double[] {10, 10},
            new double[] {40, 40}, new double[] {0.002, 0.002});

    private final Feasibility rule = new Feasibility(0.5);
    private FailureLog failures;

    @BeforeEach
    void ring() throws Exception {
        failures = new FailureLog(new Network(Scenarios.parse("{}", "ring", List.of("topology.type=ring",
                "topology.nodes=4"))));
    }

    private static Candidate candidate(int node, int hops, double cpuGHz, double nodeRate, boolean nodeUp,
                                       boolean pathUp) {
        NodeStatus status = new NodeStatus(node, nodeUp ? Health.UP : Health.DOWN, cpuGHz, 0.9, 8, 9.0, 0.3,
                Double.NaN, Double.NaN, 0, AT);
        return new Candidate(status, nodeRate, hops, hops / 20.0, hops * 0.002, hops * 0.01, pathUp);
    }

    private static Observation observe(Candidate... candidates) {
        return new Observation(0, AT, TASK, List.of(candidates), 0.9);
    }

    private void nodeFails(int node, long millis) {
        failures.record(new EnvironmentEvent(millis, EnvironmentEvent.Type.NODE_SOFTWARE_FAILURE, node, -1));
    }

    private void linkFails(int a, int b, long millis) {
        failures.record(new EnvironmentEvent(millis, EnvironmentEvent.Type.LINK_FAILED, a, b));
    }

    private boolean on(Candidate candidate, Route route) {
        return rule.on(observe(candidate), 0, route, Feasibility.Losses.NONE, failures);
    }

    @Test
    void anEmptyQueueIsAssumedEvenBehindAQueuePastTheDeadline() {
        // the status says 9 s of queue: the bound assumes it empty, as a better policy might have kept it
        assertTrue(on(candidate(0, 0, 3.0, 0.02, true, true), SELF));
        assertTrue(rule.anywhere(observe(candidate(0, 0, 3.0, 0.02, true, true), candidate(1, 1, 3.0, 0.02, true,
                true)), new Route[] {SELF, TO_1}, Feasibility.Losses.NONE, failures));
    }

    @Test
    void anUnavailableCandidateIsNever() {
        assertFalse(on(candidate(1, 1, 3.0, 0.02, false, true), TO_1), "node down");
        assertFalse(on(candidate(1, 1, 3.0, 0.02, true, false), TO_1), "path down");
        assertTrue(on(candidate(1, 1, 3.0, 0.02, true, true), TO_1));
    }

    @Test
    void reliabilityBelowTheThresholdRulesACandidateOut() {
        // exp(-0.2 * 1.067) = 0.81 < 0.9; exp(-0.02 * 1.067) = 0.98
        assertFalse(on(candidate(0, 0, 3.0, 0.2, true, true), SELF));
        assertTrue(on(candidate(0, 0, 3.0, 0.02, true, true), SELF));
    }

    @Test
    void computeAndTransferMustFitTheDeadline() {
        assertFalse(on(candidate(0, 0, 0.79, 0.0, true, true), SELF), "4.05 s of compute");
        assertTrue(on(candidate(0, 0, 0.81, 0.0, true, true), SELF), "3.95 s of compute");
        assertFalse(on(candidate(1, 1, 0.8, 0.0, true, true), TO_1), "4.0 s of compute plus 0.022 s of transfer");
    }

    @Test
    void aFailureOfTheExecutorBeforeTheEarliestFinishRulesItOut() {
        Candidate self = candidate(0, 0, 3.0, 0.02, true, true); // busy from 10 s to 11.067 s at the earliest
        nodeFails(0, 11_100);
        assertTrue(on(self, SELF), "after the finish");
        nodeFails(0, AT);
        assertTrue(on(self, SELF), "in the arrival's millisecond: it may be before the arrival, so not counted");
        nodeFails(0, 11_066);
        assertTrue(on(self, SELF), "within the last millisecond: rounding may have moved it in, so not counted");
        nodeFails(0, 11_000);
        assertFalse(on(self, SELF), "during the execution");
        assertTrue(on(candidate(1, 1, 3.0, 0.02, true, true), TO_1), "another node's failure does not matter");
    }

    @Test
    void aLinkOrRelayCountsOnlyWhileItsHopMayStillBeUnderWay() {
        Candidate two = candidate(2, 2, 3.0, 0.02, true, true);
        // hop 0 arrives no sooner than 10.012 s (at 40 MB/s), hop 1 no sooner than 10.044 s (the whole transfer)
        linkFails(1, 0, 10_030);
        assertTrue(on(two, TO_2), "link 0-1 failed after hop 0 could have arrived");
        nodeFails(1, 10_500);
        assertTrue(on(two, TO_2), "relay 1 failed once the task had passed it");
        linkFails(2, 1, 10_050);
        assertTrue(on(two, TO_2), "link 1-2 failed after the whole transfer could have arrived");
        nodeFails(1, 10_030);
        assertFalse(on(two, TO_2), "relay 1 failed during hop 1");
    }

    @Test
    void aLinkFailureDuringTheFirstHopRulesItOut() {
        linkFails(0, 1, 10_005);
        assertFalse(on(candidate(1, 1, 3.0, 0.02, true, true), TO_1));
        assertTrue(on(candidate(0, 0, 3.0, 0.02, true, true), SELF), "the agent's own node needs no link");
        failures.clear();
        assertTrue(on(candidate(1, 1, 3.0, 0.02, true, true), TO_1), "a new episode forgets the failures");
    }

    @Test
    void aFailedExecutionFailsEverywhere() {
        Feasibility.Losses executionFails = losses(true, 0);
        Observation observation = observe(candidate(0, 0, 3.0, 0.02, true, true), candidate(1, 1, 3.0, 0.02, true,
                true));
        assertFalse(rule.anywhere(observation, new Route[] {SELF, TO_1}, executionFails, failures));
        assertTrue(rule.anywhere(observation, new Route[] {SELF, TO_1}, Feasibility.Losses.NONE, failures));
    }

    @Test
    void aLostHopRulesOutRemoteCandidatesAndResendsCostTime() {
        Candidate slowNeighbour = candidate(1, 1, 1.0, 0.0, true, true); // 3.2 s of compute, 0.022 s of transfer
        assertFalse(rule.on(observe(slowNeighbour), 0, TO_1, losses(false, -1), failures), "every attempt lost");
        assertTrue(rule.on(observe(slowNeighbour), 0, TO_1, losses(false, 0), failures));
        // one resend: at least 0.012 s (the hop at 40 MB/s) + 0.5 s later, 3.73 s: in time; two: 4.25 s, too late
        assertTrue(rule.on(observe(slowNeighbour), 0, TO_1, losses(false, 1), failures));
        assertFalse(rule.on(observe(slowNeighbour), 0, TO_1, losses(false, 2), failures));
        assertTrue(rule.on(observe(candidate(0, 0, 1.0, 0.0, true, true)), 0, SELF, losses(false, -1), failures),
                "a task that stays home crosses no hop");
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        Observation observation = observe(candidate(0, 0, 3.0, 0.02, true, true));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> rule.anywhere(observation, new Route[] {SELF, TO_1}, Feasibility.Losses.NONE, failures));
        assertTrue(count.getMessage().contains("1 candidates, 2 routes"), count.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> rule.on(observation, 0, TO_1, Feasibility.Losses.NONE, failures));
        assertTrue(wrong.getMessage().contains("does not lead to candidate 0"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Feasibility(-1));
        IllegalArgumentException route = assertThrows(IllegalArgumentException.class,
                () -> new Route(new int[] {0}, new int[] {0}, new double[] {10}, new double[] {40}, new double[] {0}));
        assertTrue(route.getMessage().contains("needs 2 nodes"), route.getMessage());
        assertEquals(2, TO_2.hops());
    }

    private static Feasibility.Losses losses(boolean executionFails, int failedAttempts) {
        return new Feasibility.Losses() {
            @Override
            public boolean executionFails(Task task, int node) {
                return executionFails;
            }

            @Override
            public int failedAttempts(Task task, int hop, int link) {
                return failedAttempts;
            }
        };
    }
}
