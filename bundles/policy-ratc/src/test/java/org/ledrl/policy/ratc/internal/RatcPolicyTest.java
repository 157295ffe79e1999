package org.ledrl.policy.ratc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.junit.jupiter.api.Test;

class RatcPolicyTest {

    /** 400 KB at 1000 cycles/bit: 3.2 Gcycles, 1.07 s on a 3 GHz node; deadline 2 s. */
    private static final Task TASK = new Task(1, 0, 0L, 400, 1000, 2.0, "test");

    private final RatcPolicy policy = new RatcPolicy();

    private static Candidate candidate(int node, double cpuGHz, double queueS, double failureRate, boolean up) {
        NodeStatus status = new NodeStatus(node, up ? Health.UP : Health.DOWN, cpuGHz, 0.5, 1, queueS, 0.3,
                Double.NaN, Double.NaN, 0, 0L);
        int hops = node == 0 ? 0 : 1;
        return new Candidate(status, failureRate, hops, hops * 0.1, hops * 0.002, 0.001, true);
    }

    private int decide(Candidate... candidates) {
        return policy.decide(new Observation(0, 0L, TASK, List.of(candidates), 0.9), StrategyPrior.none(0)).target();
    }

    @Test
    void prefersTheReliableNodeThatMeetsTheDeadlineOverAFasterUnreliableOne() {
        Candidate busySelf = candidate(0, 3.0, 3.0, 0.01, true);      // 4.07 s: misses the deadline
        Candidate fastFlaky = candidate(1, 6.0, 0.0, 0.5, true);      // 0.58 s, reliability ~0.77
        Candidate steady = candidate(2, 3.0, 0.5, 0.01, true);        // 1.61 s, reliability ~0.99
        assertTrue(fastFlaky.estimatedLatency(TASK) < steady.estimatedLatency(TASK));
        assertEquals(2, decide(busySelf, fastFlaky, steady));
    }

    @Test
    void ignoresReliableNodesThatMissTheDeadline() {
        Candidate self = candidate(0, 3.0, 0.5, 0.2, true);          // 1.57 s, meets the deadline
        Candidate reliableButLate = candidate(1, 3.0, 1.5, 0.0, true); // 2.61 s, reliability ~1
        assertEquals(0, decide(self, reliableButLate));
    }

    @Test
    void breaksReliabilityTiesByEarlierFinish() {
        Candidate busySelf = candidate(0, 3.0, 3.0, 0.01, true);
        Candidate later = candidate(1, 3.0, 0.8, 0.01, true);
        Candidate sooner = candidate(2, 3.0, 0.2, 0.01, true);
        assertEquals(later.estimatedReliability(TASK), sooner.estimatedReliability(TASK));
        assertEquals(2, decide(busySelf, later, sooner));
    }

    @Test
    void staysLocalWhenNoCandidateMeetsTheDeadline() {
        Candidate busySelf = candidate(0, 3.0, 5.0, 0.01, true);
        Candidate alsoBusy = candidate(1, 3.0, 3.0, 0.01, true);
        assertEquals(0, decide(busySelf, alsoBusy));
    }

    @Test
    void neverChoosesAnUnavailableCandidate() {
        Candidate busySelf = candidate(0, 3.0, 5.0, 0.01, true);
        Candidate perfectButDown = candidate(1, 9.0, 0.0, 0.0, false);
        Candidate fineAndUp = candidate(2, 3.0, 0.0, 0.05, true);
        assertEquals(2, decide(busySelf, perfectButDown, fineAndUp));
    }

    @Test
    void aDownAgentSendsItsTaskToTheEarliestAvailableNode() {
        Candidate downSelf = candidate(0, 3.0, 0.0, 0.01, false);
        Candidate slow = candidate(1, 3.0, 4.0, 0.01, true);
        Candidate lessSlow = candidate(2, 3.0, 3.0, 0.01, true);
        assertEquals(2, decide(downSelf, slow, lessSlow));
    }
}
