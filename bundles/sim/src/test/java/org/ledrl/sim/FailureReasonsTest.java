package org.ledrl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ledrl.api.env.Slot;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.junit.jupiter.api.Test;

/** One scenario per failure reason, made so that the reason must show up (and success where it must not). */
class FailureReasonsTest {

    /** A calm network: no failures, fast nodes, light load, long deadlines. */
    private static final List<String> CALM = List.of("topology.type=ring", "topology.nodes=6", "slots=50",
            "nodes.cpuGHz=4", "tasks.arrivalProbability=0.3", "tasks.deadlineS=10", "failures.nodeHardwareRate=0",
            "failures.nodeSoftwareRate=0", "failures.linkRate=0", "reliabilityThreshold=0");

    static Map<FailureReason, Integer> run(List<String> sets, Function<Observation, Integer> policy)
            throws ScenarioException {
        Map<FailureReason, Integer> counts = new EnumMap<>(FailureReason.class);
        for (Outcome outcome : outcomes(sets, policy)) {
            counts.merge(outcome.failure(), 1, Integer::sum);
        }
        return counts;
    }

    /** Every outcome of an episode of the calm network with {@code sets} on top (a later key wins). */
    static List<Outcome> outcomes(List<String> sets, Function<Observation, Integer> policy) throws ScenarioException {
        List<String> all = new ArrayList<>(CALM);
        all.addAll(sets);
        Simulation simulation = new Simulation(Scenarios.parse("{}", "test", all));
        List<Outcome> outcomes = new ArrayList<>();
        Slot slot = simulation.reset(7);
        while (true) {
            outcomes.addAll(slot.outcomes());
            if (slot.done()) {
                return outcomes;
            }
            List<Decision> decisions = new ArrayList<>();
            for (Observation observation : slot.observations()) {
                Integer target = policy.apply(observation);
                decisions.add(target == null ? null : Decision.of(target, "test"));
            }
            slot = simulation.step(decisions);
        }
    }

    static int local(Observation o) {
        return o.agent();
    }

    static int neighbour(Observation o) {
        return o.candidates().get(1).node();
    }

    static int total(Map<FailureReason, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void aCalmNetworkSucceedsEverywhere() throws Exception {
        Map<FailureReason, Integer> counts = run(List.of(), FailureReasonsTest::neighbour);
        assertTrue(total(counts) > 50);
        assertEquals(total(counts), counts.get(FailureReason.NONE), counts.toString());
    }

    @Test
    void deadlineMissed() throws Exception {
        Map<FailureReason, Integer> counts = run(List.of("tasks.deadlineS=0.2"), FailureReasonsTest::local);
        assertEquals(total(counts), counts.get(FailureReason.DEADLINE_MISSED), counts.toString());
    }

    @Test
    void nodeFailed() throws Exception {
        // a node fails every 2 s on average: tasks of about 1 s are often caught
        Map<FailureReason, Integer> counts = run(List.of("failures.nodeHardwareRate=0.5", "failures.rejoinProbability=1"),
                FailureReasonsTest::local);
        assertTrue(counts.getOrDefault(FailureReason.NODE_FAILED, 0) > 10, counts.toString());
        assertTrue(counts.getOrDefault(FailureReason.NONE, 0) > 10, counts.toString());
    }

    @Test
    void linkFailed() throws Exception {
        // slow links make transfers last seconds, and links fail every 2 s on average
        Map<FailureReason, Integer> counts = run(List.of("links.rateMBps=0.2", "failures.linkRate=0.5",
                "failures.linkRestoreProbability=1", "tasks.deadlineS=20"), o -> firstAvailableNeighbour(o));
        assertTrue(counts.getOrDefault(FailureReason.LINK_FAILED, 0) > 10, counts.toString());
    }

    @Test
    void executionFailure() throws Exception {
        Map<FailureReason, Integer> counts = run(List.of("failures.executionRate=1"), FailureReasonsTest::neighbour);
        assertEquals(total(counts), counts.get(FailureReason.EXECUTION_FAILURE), counts.toString());
    }

    @Test
    void transmissionFailureOnlyHitsTransfers() throws Exception {
        Map<FailureReason, Integer> offloaded = run(List.of("failures.transmissionRate=1"),
                FailureReasonsTest::neighbour);
        assertEquals(total(offloaded), offloaded.get(FailureReason.TRANSMISSION_FAILURE), offloaded.toString());
        Map<FailureReason, Integer> local = run(List.of("failures.transmissionRate=1"), FailureReasonsTest::local);
        assertEquals(total(local), local.get(FailureReason.NONE), local.toString());
    }

    @Test
    void reliabilityBelowThreshold() throws Exception {
        // failures are rare enough not to strike, but the model's reliability exp(-rate * t) stays below 0.99999
        Map<FailureReason, Integer> counts = run(List.of("failures.nodeSoftwareRate=0.0001",
                "reliabilityThreshold=0.99999"), FailureReasonsTest::local);
        assertEquals(total(counts), counts.get(FailureReason.RELIABILITY_BELOW_THRESHOLD), counts.toString());
    }

    @Test
    void nodeUnreachable() throws Exception {
        // nodes are down often; the policy insists on a down candidate whenever there is one
        Map<FailureReason, Integer> counts = run(List.of("failures.nodeHardwareRate=0.3",
                "failures.rejoinProbability=0.2"), o -> {
                    for (Candidate c : o.candidates()) {
                        if (!c.available()) {
                            return c.node();
                        }
                    }
                    return o.agent();
                });
        assertTrue(counts.getOrDefault(FailureReason.NODE_UNREACHABLE, 0) > 10, counts.toString());
    }

    @Test
    void queueFull() throws Exception {
        // every node sends to node 0 or its first neighbour, and a node holds one task
        Map<FailureReason, Integer> counts = run(List.of("nodes.queueCapacity=1", "tasks.arrivalProbability=1"),
                o -> o.indexOf(0) >= 0 ? 0 : o.candidates().get(1).node());
        assertTrue(counts.getOrDefault(FailureReason.QUEUE_FULL, 0) > 50, counts.toString());
    }

    @Test
    void policyError() throws Exception {
        // node 3 is no neighbour of node 0 on a ring of 6; null and unknown ids are errors too
        Map<FailureReason, Integer> counts = run(List.of(), o -> o.agent() == 0 ? Integer.valueOf(3)
                : o.agent() == 1 ? null : Integer.valueOf(-7));
        assertEquals(total(counts), counts.get(FailureReason.POLICY_ERROR), counts.toString());
    }

    private static int firstAvailableNeighbour(Observation o) {
        for (Candidate c : o.candidates()) {
            if (c.hops() > 0 && c.available()) {
                return c.node();
            }
        }
        return o.candidates().get(1).node();
    }
}
