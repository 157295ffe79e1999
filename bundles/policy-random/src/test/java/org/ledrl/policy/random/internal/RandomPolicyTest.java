package org.ledrl.policy.random.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.OffloadingPolicy;

class RandomPolicyTest {

    private static final Task TASK = new Task(1, 0, 0L, 300, 1000, 4.0, "test");
    private static final StrategyPrior NO_PRIOR = StrategyPrior.none(0);

    private static Candidate candidate(int node, boolean nodeUp, boolean pathUp) {
        NodeStatus status = new NodeStatus(node, nodeUp ? Health.UP : Health.DOWN, 3.0, 0.5, 1, 0.0, 0.3,
                Double.NaN, Double.NaN, 0, 0L);
        int hops = node == 0 ? 0 : 1;
        return new Candidate(status, 0.01, hops, hops * 0.1, hops * 0.002, 0.001, pathUp);
    }

    /** Node 0 (self) up, 1 down, 2 up, 3 behind a broken link, 4 up. */
    private static final Observation MIXED = new Observation(0, 0L, TASK, List.of(candidate(0, true, true),
            candidate(1, false, true), candidate(2, true, true), candidate(3, true, false), candidate(4, true, true)),
            0.9);

    private static int[] histogram(OffloadingPolicy policy, int draws) {
        int[] counts = new int[MIXED.candidates().size()];
        for (int i = 0; i < draws; i++) {
            counts[policy.decide(MIXED, NO_PRIOR).target()]++;
        }
        return counts;
    }

    @Test
    void picksOnlyAvailableCandidatesAndEachAboutEquallyOften() {
        int draws = 30_000;
        int[] counts = histogram(new RandomPolicy(), draws);

        assertEquals(0, counts[1], "node 1 is down");
        assertEquals(0, counts[3], "the path to node 3 is down");
        for (int node : new int[] {0, 2, 4}) {
            // expected 10 000 each; 5 standard deviations is about 410
            assertEquals(draws / 3.0, counts[node], 500, "draws of node " + node);
        }
    }

    @Test
    void aSeededRunRepeatsItsChoicesAndAnotherSeedDoesNot() {
        List<Integer> first = choices(new RandomPolicy().forRun(7));
        List<Integer> again = choices(new RandomPolicy().forRun(7));
        List<Integer> other = choices(new RandomPolicy().forRun(8));

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void aSeededRunIsStillUniformOverAvailableCandidates() {
        int[] counts = histogram(new RandomPolicy().forRun(123), 30_000);

        assertEquals(0, counts[1] + counts[3]);
        assertTrue(counts[0] > 9_500 && counts[2] > 9_500 && counts[4] > 9_500, () -> Arrays.toString(counts));
    }

    @Test
    void keepsTheTaskLocalWhenNoCandidateIsAvailable() {
        Observation isolated = new Observation(0, 0L, TASK, List.of(candidate(0, false, true), candidate(1, true, false)),
                0.9);

        assertEquals(0, new RandomPolicy().decide(isolated, NO_PRIOR).target());
    }

    private static List<Integer> choices(OffloadingPolicy policy) {
        List<Integer> choices = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            choices.add(policy.decide(MIXED, NO_PRIOR).target());
        }
        return choices;
    }
}
