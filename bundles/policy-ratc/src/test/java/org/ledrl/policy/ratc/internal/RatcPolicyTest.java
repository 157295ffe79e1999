package org.ledrl.policy.ratc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.junit.jupiter.api.Test;

/**
 * Examples of the rule. Several would fail on the earlier ratc, which took the most reliable candidate by
 * {@link Candidate#estimatedReliability} among those meeting the deadline (in effect the fastest CPU, whatever its
 * queue), never checked the threshold, and kept a task that could not make its deadline on its own node.
 */
class RatcPolicyTest {

    /** 400 KB at 1000 cycles/bit: 3.2 Gcycles, 1.07 s on a 3 GHz node; 0.042 s per hop to send; deadline 2 s. */
    private static final Task TASK = new Task(1, 0, 0L, 400, 1000, 2.0, "test");

    private final RatcPolicy policy = new RatcPolicy();

    private static Candidate candidate(int node, int hops, double cpuGHz, double queueS, double failureRate,
                                       boolean up) {
        NodeStatus status = new NodeStatus(node, up ? Health.UP : Health.DOWN, cpuGHz, 0.5, 1, queueS, 0.3,
                Double.NaN, Double.NaN, 0, 0L);
        return new Candidate(status, failureRate, hops, hops * 0.1, hops * 0.002, 0.001, true);
    }

    private static Candidate self(double queueS) {
        return candidate(0, 0, 3.0, queueS, 0.01, true);
    }

    private static Candidate neighbour(int node, double cpuGHz, double queueS) {
        return candidate(node, 1, cpuGHz, queueS, 0.01, true);
    }

    private int decide(Candidate... candidates) {
        return policy.decide(new Observation(0, 0L, TASK, List.of(candidates), 0.9), StrategyPrior.none(0)).target();
    }

    @Test
    void keepsTheTaskWhenItsOwnNodeMakesTheDeadline() {
        Candidate self = self(0.5);                   // 1.57 s, reliability 0.989
        Candidate fast = neighbour(1, 6.0, 0.0);      // 0.58 s, reliability 0.995: sooner and "more reliable"
        assertTrue(fast.estimatedLatency(TASK) < self.estimatedLatency(TASK));
        assertTrue(fast.estimatedReliability(TASK) > self.estimatedReliability(TASK));
        assertEquals(0, decide(self, fast), "no transfer to lose, no neighbour to crowd");
    }

    @Test
    void amongNeighboursTakesTheEarliestFinishNotTheFastestCpu() {
        Candidate busySelf = self(3.0);               // 4.07 s: misses
        Candidate fastButQueued = neighbour(1, 6.0, 1.2); // 1.78 s, reliability 0.995
        Candidate idle = neighbour(2, 3.0, 0.0);      // 1.11 s, reliability 0.989
        assertTrue(fastButQueued.estimatedReliability(TASK) > idle.estimatedReliability(TASK));
        assertEquals(2, decide(busySelf, fastButQueued, idle));
    }

    @Test
    void prefersOneHopThatMakesItOverTwoHopsThatFinishSooner() {
        Candidate busySelf = self(3.0);
        Candidate near = neighbour(1, 3.0, 0.6);                   // 1.71 s over one hop
        Candidate far = candidate(2, 2, 6.0, 0.0, 0.01, true);     // 0.62 s over two hops
        assertTrue(far.estimatedLatency(TASK) < near.estimatedLatency(TASK));
        assertEquals(1, decide(busySelf, near, far));
    }

    @Test
    void breaksHopTiesByEarlierFinish() {
        Candidate busySelf = self(3.0);
        Candidate later = neighbour(1, 3.0, 0.8);
        Candidate sooner = neighbour(2, 3.0, 0.2);
        assertEquals(2, decide(busySelf, later, sooner));
        assertEquals(2, decide(busySelf, sooner, later), "the order of the candidates does not matter");
    }

    @Test
    void neverTakesACandidateBelowTheReliabilityThreshold() {
        Candidate busySelf = self(3.0);                                  // starts after the deadline
        Candidate flaky = candidate(1, 1, 6.0, 0.0, 0.5, true);          // 0.58 s, reliability 0.77
        assertTrue(flaky.estimatedLatency(TASK) <= TASK.deadlineS());
        assertTrue(flaky.estimatedReliability(TASK) < 0.9);
        assertEquals(0, decide(busySelf, flaky), "a task that completes below the threshold fails all the same");
    }

    @Test
    void sendsAHopelessTaskWhereItHoldsAnExecutorLeast() {
        Candidate self = self(1.5);                   // would run 0.5 s before its deadline abandons it
        Candidate queued = neighbour(1, 3.0, 1.0);    // would run 0.96 s
        Candidate full = neighbour(2, 3.0, 2.5);      // would start after its deadline: runs not at all
        for (Candidate candidate : List.of(self, queued, full)) {
            assertTrue(candidate.estimatedLatency(TASK) > TASK.deadlineS(), "hopeless everywhere");
        }
        assertEquals(0.5, RatcPolicy.wastedSeconds(self, TASK), 1e-9);
        assertEquals(0.0, RatcPolicy.wastedSeconds(full, TASK));
        assertEquals(2, decide(self, queued, full));
    }

    @Test
    void aHopelessTaskThatHoldsNothingAnywhereStaysHome() {
        assertEquals(0, decide(self(5.0), neighbour(1, 3.0, 3.0)));
    }

    @Test
    void neverChoosesAnUnavailableCandidate() {
        Candidate busySelf = self(5.0);
        Candidate perfectButDown = candidate(1, 1, 9.0, 0.0, 0.0, false);
        Candidate fineAndUp = candidate(2, 1, 3.0, 0.0, 0.05, true);
        assertEquals(2, decide(busySelf, perfectButDown, fineAndUp));
    }

    @Test
    void aDownAgentsHopelessTaskGoesWhereItHoldsAnExecutorLeast() {
        Candidate downSelf = candidate(0, 0, 3.0, 0.0, 0.01, false);
        Candidate lessQueued = neighbour(1, 3.0, 1.0);   // finishes at 2.11 s: runs 0.96 s for nothing
        Candidate moreQueued = neighbour(2, 3.0, 1.5);   // finishes at 2.61 s: runs 0.46 s for nothing
        assertEquals(2, decide(downSelf, lessQueued, moreQueued));
    }

    @Test
    void aNodeWhoseQueueIsUnknownIsNeverChosen() {
        Candidate self = self(1.5);
        Candidate unmeasured = new Candidate(new NodeStatus(1, Health.UP, 9.0, Double.NaN, 0, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0, 0L), 0.0, 1, 0.1, 0.002, 0.0, true);
        assertFalse(RatcPolicy.wastedSeconds(unmeasured, TASK) < 1.0, "NaN never compares as less");
        assertEquals(0, decide(self, unmeasured));
    }

    @Test
    void keepsTheTaskWhenNothingIsAvailable() {
        Candidate downSelf = candidate(0, 0, 3.0, 0.0, 0.01, false);
        Candidate downNeighbour = candidate(1, 1, 3.0, 0.0, 0.01, false);
        assertEquals(0, decide(downSelf, downNeighbour));
    }
}
