package org.ledrl.policy.greedy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.junit.jupiter.api.Test;

class GreedyPolicyTest {

    /** 400 KB at 1000 cycles/bit: 3.2 Gcycles, 1.07 s on a 3 GHz node. */
    private static final Task TASK = new Task(1, 0, 0L, 400, 1000, 4.0, "test");

    private final GreedyPolicy policy = new GreedyPolicy();

    private static Candidate candidate(int node, double cpuGHz, double queueS, double secondsPerMB, boolean nodeUp,
                                       boolean pathUp) {
        NodeStatus status = new NodeStatus(node, nodeUp ? Health.UP : Health.DOWN, cpuGHz, 0.5, 1, queueS, 0.3,
                Double.NaN, Double.NaN, 0, 0L);
        return new Candidate(status, 0.01, node == 0 ? 0 : 1, secondsPerMB, node == 0 ? 0 : 0.002, 0.01, pathUp);
    }

    private int decide(Candidate... candidates) {
        return policy.decide(new Observation(0, 0L, TASK, List.of(candidates), 0.9), StrategyPrior.none(0)).target();
    }

    @Test
    void picksTheEarliestEstimatedFinish() {
        Candidate busySelf = candidate(0, 3.0, 2.0, 0, true, true);       // 2 + 1.07 = 3.07 s
        Candidate idleNeighbour = candidate(1, 3.0, 0.0, 0.1, true, true); // 0.04 + 1.07 = 1.11 s
        Candidate fastFar = candidate(2, 6.0, 0.0, 2.0, true, true);       // 0.8 + 0.53 = 1.34 s
        assertEquals(1, decide(busySelf, idleNeighbour, fastFar));
        // The estimates the choice rests on are the API's, in one place.
        assertEquals(1.11, idleNeighbour.estimatedLatency(TASK), 0.01);
    }

    @Test
    void staysLocalWhenTransferCostsMoreThanItSaves() {
        Candidate self = candidate(0, 3.0, 0.5, 0, true, true);           // 1.57 s
        Candidate slowLink = candidate(1, 3.0, 0.0, 2.0, true, true);     // 0.8 + 1.07 = 1.87 s
        assertEquals(0, decide(self, slowLink));
    }

    @Test
    void neverChoosesAnUnavailableCandidate() {
        Candidate busySelf = candidate(0, 3.0, 5.0, 0, true, true);
        Candidate downNode = candidate(1, 9.0, 0.0, 0.1, false, true);
        Candidate downPath = candidate(2, 9.0, 0.0, 0.1, true, false);
        Candidate slowButUp = candidate(3, 2.0, 1.0, 0.1, true, true);
        assertEquals(3, decide(busySelf, downNode, downPath, slowButUp));
    }

    @Test
    void keepsTheTaskWhenNothingIsAvailable() {
        assertEquals(0, decide(candidate(0, 3.0, 0, 0, false, true), candidate(1, 3.0, 0, 0.1, false, true)));
    }

    @Test
    void tieGoesToTheNearerCandidate() {
        Candidate busySelf = candidate(0, 3.0, 5.0, 0, true, true);
        assertEquals(1, decide(busySelf, candidate(1, 3.0, 0.0, 0.1, true, true), candidate(2, 3.0, 0.0, 0.1, true, true)));
        assertEquals(2, decide(busySelf, candidate(2, 3.0, 0.0, 0.1, true, true), candidate(1, 3.0, 0.0, 0.1, true, true)));
    }
}
