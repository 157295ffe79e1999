package org.ledrl.experiment.internal;

import static org.ledrl.experiment.internal.TestMemories.MEMORIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.policy.agsp.internal.AgspPolicy;
import org.ledrl.policy.greedy.internal.GreedyPolicy;
import org.ledrl.policy.heuristicprior.internal.HeuristicPriorPolicy;
import org.ledrl.policy.local.internal.LocalPolicy;
import org.ledrl.policy.random.internal.RandomPolicy;
import org.ledrl.policy.ratc.internal.RatcPolicy;
import org.ledrl.sim.Headroom;
import org.ledrl.sim.RunResult;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.Scenarios;

/**
 * The headroom is an upper bound: on seeded scenarios no installed baseline (local, greedy, ratc, random, agsp), nor
 * heuristic-prior with its fresh heuristic board, succeeds on more tasks than the headroom counts, in any episode of
 * any seed. (That each single success is on a task the headroom counts is checked in the simulator's tests.)
 */
class HeadroomBoundTest {

    private static final List<OffloadingPolicy> BASELINES = List.of(new LocalPolicy(), new GreedyPolicy(),
            new RatcPolicy(), new RandomPolicy(), new AgspPolicy(), new HeuristicPriorPolicy());

    /** The paper's 10-node setting (the scenario defaults), and 20 nodes with every failure kind and resends. */
    private static List<Scenario> scenarios() throws Exception {
        return List.of(Scenarios.parse("{}", "paper-10", List.of("name=paper-10", "slots=60", "episodes=3")),
                Scenarios.parse("{}", "stormy-20", List.of("name=stormy-20", "slots=60", "episodes=3",
                        "topology.nodes=20", "failures.executionRate=0.1", "failures.transmissionRate=0.2",
                        "failures.transmissionRetries=2", "failures.linkRate=0.05", "policy.maxHops=2")));
    }

    @Test
    void noBaselineSucceedsOnMoreTasksThanTheHeadroomCounts() throws Exception {
        PriorWiring wiring = new PriorWiring(List.of(), "", 700, MEMORIES);
        for (Scenario scenario : scenarios()) {
            for (long seed = 1; seed <= 3; seed++) {
                Headroom headroom = Headroom.measure(scenario, seed, 3);
                assertTrue(headroom.rate() < 1, scenario.name() + " seed " + seed + ": failures make the bound bite");
                for (OffloadingPolicy policy : BASELINES) {
                    RunResult run = wiring.runner(scenario, policy, seed).episodes(3).run();
                    String where = policy.name() + " on " + scenario.name() + " seed " + seed;
                    assertEquals(headroom.tasks(), run.total().tasks(), where + ": the same tasks");
                    for (int e = 0; e < 3; e++) {
                        long successes = run.episodes().get(e).successes();
                        long feasible = headroom.episodes().get(e).feasible();
                        assertTrue(successes <= feasible, where + " episode " + e + ": " + successes
                                + " successes, headroom " + feasible);
                    }
                }
            }
        }
    }

    @Test
    void theHeadroomOfAnExperimentIsTheSameOnAnyNumberOfThreads() throws Exception {
        List<Scenario> scenarios = scenarios();
        Headrooms one = Headrooms.measure(scenarios, List.of(1L, 2L, 3L), 2, 1);
        Headrooms three = Headrooms.measure(scenarios, List.of(1L, 2L, 3L), 2, 3);
        assertEquals(one.json(), three.json());
        assertEquals(Headroom.measure(scenarios.get(1), 2, 2).rate(), one.runFields("stormy-20", 2).get("rate"));
        assertTrue(one.rate("paper-10").mean() > one.rate("stormy-20").mean(), "failures lower the bound");
    }
}
