package org.ledrl.policy.ratc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.metrics.Summary;
import org.ledrl.policy.greedy.internal.GreedyPolicy;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioException;
import org.ledrl.sim.Scenarios;
import org.junit.jupiter.api.Test;

/**
 * RATC against greedy on the simulator's paper setting (10 nodes, the built-in defaults), on validation seeds: it
 * sees what greedy sees plus reliability, so it must not lose. The earlier ratc lost to greedy on 9 of the 10
 * validation seeds 101..110 (61.8% against 64.9%), on each of the three seeds here.
 */
class RatcOnSimulatorTest {

    private static final long[] SEEDS = {101, 102, 103};

    private static Summary run(Scenario scenario, OffloadingPolicy policy, long seed) {
        return Runner.of(scenario, policy).seed(seed).episodes(3).run().total();
    }

    @Test
    void doesAtLeastAsWellAsGreedyOnEverySeed() {
        Scenario paper = Scenarios.defaults();
        for (long seed : SEEDS) {
            double ratc = run(paper, new RatcPolicy(), seed).successRate();
            double greedy = run(paper, new GreedyPolicy(), seed).successRate();
            assertTrue(ratc >= greedy, "seed " + seed + ": ratc " + ratc + " against greedy " + greedy);
        }
    }

    @Test
    void losesFewerTasksInTransitThanGreedy() throws ScenarioException {
        // transfers lost per hop: a policy that keeps what it can finish itself sends fewer of them
        Scenario lossy = Scenarios.parse("{}", "lossy", List.of("failures.transmissionRate=0.1"));
        for (long seed : SEEDS) {
            long ratc = run(lossy, new RatcPolicy(), seed).failures(FailureReason.TRANSMISSION_FAILURE);
            long greedy = run(lossy, new GreedyPolicy(), seed).failures(FailureReason.TRANSMISSION_FAILURE);
            assertTrue(ratc < greedy, "seed " + seed + ": " + ratc + " lost in transit against " + greedy);
        }
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        Scenario paper = Scenarios.defaults();
        Summary first = run(paper, new RatcPolicy(), 101);
        Summary second = run(paper, new RatcPolicy(), 101);
        // everything but the clock-dependent fields (decision and wall time)
        assertEquals(first.tasks(), second.tasks());
        assertEquals(first.successes(), second.successes());
        assertEquals(first.failures(), second.failures());
        assertEquals(first.latencyMeanS(), second.latencyMeanS());
        assertEquals(first.meanReward(), second.meanReward());
    }
}
