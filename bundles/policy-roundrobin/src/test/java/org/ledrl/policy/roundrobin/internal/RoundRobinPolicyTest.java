package org.ledrl.policy.roundrobin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.OffloadingPolicy;
import org.junit.jupiter.api.Test;

class RoundRobinPolicyTest {

    private static Candidate candidate(int node, boolean up) {
        NodeStatus status = new NodeStatus(node, up ? Health.UP : Health.DOWN, 3.0, 0.2, 0, 0.0, 0.3, Double.NaN,
                Double.NaN, 0, 0L);
        return new Candidate(status, 0.01, node == 0 ? 0 : 1, node == 0 ? 0.0 : 0.05, 0.002, 0.01, true);
    }

    private static Observation observation(int agent, Candidate... candidates) {
        Task task = new Task(1, agent, 0L, 400, 1000, 4.0, "test");
        return new Observation(agent, 0L, task, List.of(candidates), 0.9);
    }

    private static List<Integer> targets(OffloadingPolicy policy, Observation observation, int count) {
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            targets.add(policy.decide(observation, StrategyPrior.none(observation.agent())).target());
        }
        return targets;
    }

    @Test
    void cyclesThroughCandidatesInTurn() {
        Observation obs = observation(0, candidate(0, true), candidate(1, true), candidate(2, true));
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 0), targets(new RoundRobinPolicy().forRun(1), obs, 7));
    }

    @Test
    void skipsUnavailableCandidates() {
        Observation obs = observation(0, candidate(0, true), candidate(1, false), candidate(2, true));
        List<Integer> chosen = targets(new RoundRobinPolicy().forRun(1), obs, 6);
        assertEquals(List.of(0, 2, 2, 0, 2, 2), chosen);
    }

    @Test
    void keepsOneRotationPerAgent() {
        OffloadingPolicy policy = new RoundRobinPolicy().forRun(1);
        Observation atZero = observation(0, candidate(0, true), candidate(1, true));
        Candidate self = candidate(1, true);
        Observation atOne = new Observation(1, 0L, atZero.task(), List.of(
                new Candidate(self.status(), 0.01, 0, 0.0, 0.0, 0.0, true), candidate(0, true)), 0.9);
        assertEquals(0, policy.decide(atZero, StrategyPrior.none(0)).target());
        // Agent 1's first task starts its own rotation at itself, undisturbed by agent 0's turn.
        assertEquals(1, policy.decide(atOne, StrategyPrior.none(1)).target());
        assertEquals(1, policy.decide(atZero, StrategyPrior.none(0)).target());
    }

    @Test
    void runsAreIndependent() {
        OffloadingPolicy service = new RoundRobinPolicy();
        Observation obs = observation(0, candidate(0, true), candidate(1, true), candidate(2, true));
        service.decide(obs, StrategyPrior.none(0));
        OffloadingPolicy run = service.forRun(7);
        assertNotEquals(service, run);
        assertEquals(0, run.decide(obs, StrategyPrior.none(0)).target());
    }

    @Test
    void staysLocalWhenNothingIsAvailable() {
        Observation obs = observation(0, candidate(0, false), candidate(1, false));
        assertEquals(List.of(0, 0), targets(new RoundRobinPolicy(), obs, 2));
    }
}
