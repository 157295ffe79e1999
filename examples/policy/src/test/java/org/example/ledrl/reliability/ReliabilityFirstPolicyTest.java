package org.example.ledrl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.testkit.Situations;
import org.junit.jupiter.api.Test;

/** What makes this policy itself: reliability first, within the deadline. */
class ReliabilityFirstPolicyTest {

    private static Candidate withFailureRate(NodeStatus status, double rate) {
        return new Candidate(status, rate, 1, 1 / 30.0, 0.002, 0.001, true);
    }

    private final Candidate self = Situations.self(Situations.node(0, Health.UP, 3.0, 3.0));
    private final Candidate fragileFast = withFailureRate(Situations.node(1, Health.UP, 4.0, 0.0), 0.2);
    private final Candidate steadySlower = withFailureRate(Situations.node(2, Health.UP, 2.5, 0.3), 0.001);

    @Test
    void prefersTheSteadierNodeThatMeetsTheDeadline() {
        Observation o = Situations.observation(1, self, List.of(fragileFast, steadySlower));
        assertEquals(2, new ReliabilityFirstPolicy().decide(o, StrategyPrior.none(0)).target());
    }

    @Test
    void takesTheEarliestFinishWhenNoNodeLeavesTheMargin() {
        Observation o = Situations.observation(2, self, List.of(fragileFast, steadySlower));
        // at 0.05 of the 4 s deadline (0.2 s) no node makes it: the fastest estimate wins
        assertEquals(1, new ReliabilityFirstPolicy(0.05).decide(o, StrategyPrior.none(0)).target());
    }

    @Test
    void refusesADeadlineShareOutsideItsRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReliabilityFirstPolicy(1.5));
        assertEquals("org.example.ledrl.reliability: deadline.share must be in (0,1], not 1.5", e.getMessage());
    }
}
