package org.ledrl.policy.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;

class LocalPolicyTest {

    private static final Task TASK = new Task(7, 3, 0L, 300, 1000, 4.0, "test");

    private final LocalPolicy policy = new LocalPolicy();

    private static Candidate candidate(int node, double queueS) {
        NodeStatus status = new NodeStatus(node, Health.UP, 3.0, 0.5, 1, queueS, 0.3, Double.NaN, Double.NaN, 0, 0L);
        int hops = node == 3 ? 0 : 1;
        return new Candidate(status, 0.01, hops, hops * 0.1, hops * 0.002, 0.001, true);
    }

    @Test
    void keepsTheTaskOnTheAgentsNodeEvenWhenANeighbourIsIdle() {
        Observation observation = new Observation(3, 0L, TASK, List.of(candidate(3, 9.0), candidate(5, 0.0)), 0.9);

        assertEquals(3, policy.decide(observation, StrategyPrior.none(3)).target());
        assertEquals("local", policy.decide(observation, StrategyPrior.none(3)).policy());
    }

    @Test
    void isStatelessSoARunGetsTheSameInstance() {
        assertSame(policy, policy.forRun(42));
    }
}
