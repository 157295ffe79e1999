package org.ledrl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.sim.internal.HeadroomEvaluator;

class HeadroomTest {

    /** Every kind of failure, resends, and two-hop paths, so that every part of the rule is exercised. */
    private static Scenario stormy(String... more) throws ScenarioException {
        List<String> sets = new ArrayList<>(List.of("slots=60", "episodes=3", "failures.linkRate=0.05",
                "failures.nodeHardwareRate=0.03", "failures.executionRate=0.1", "failures.transmissionRate=0.15",
                "failures.transmissionRetries=1", "policy.maxHops=2"));
        sets.addAll(List.of(more));
        return Scenarios.parse("{}", "headroom", sets);
    }

    /** The successful tasks of a run, as (episode, task id). */
    private static final class Successes implements Evaluator {
        final List<long[]> tasks = new ArrayList<>();
        private int episode;

        @Override
        public String name() {
            return "successes";
        }

        @Override
        public void onOutcome(Outcome outcome) {
            if (outcome.success()) {
                tasks.add(new long[] {episode, outcome.task().id()});
            }
        }

        @Override
        public void onEpisodeEnd(int ended) {
            episode = ended + 1;
        }
    }

    @Test
    void everyTaskThatSucceedsUnderAnyPolicyIsOneTheBoundCounts() throws Exception {
        Scenario scenario = stormy();
        for (OffloadingPolicy policy : List.of(TestPolicies.local(), TestPolicies.random(3), TestPolicies.greedy())) {
            for (long seed = 1; seed <= 3; seed++) {
                HeadroomEvaluator headroom = new HeadroomEvaluator(scenario.withSeed(seed), seed);
                Successes successes = new Successes();
                RunResult result = Runner.of(scenario, policy).seed(seed).evaluator(headroom).evaluator(successes)
                        .run();
                String run = policy.name() + " seed " + seed;
                assertTrue(result.total().successes() > 0, run + " has successes to check");
                for (long[] task : successes.tasks) {
                    assertTrue(headroom.feasible((int) task[0], task[1]), run + ": task " + task[1] + " of episode "
                            + task[0] + " succeeded, yet the rule says it could not");
                }
                Headroom bound = headroom.result();
                assertEquals(result.total().tasks(), bound.tasks(), run + ": the bound judges every task");
                for (int e = 0; e < bound.episodes().size(); e++) {
                    assertTrue(result.episodes().get(e).successes() <= bound.episodes().get(e).feasible(), run);
                }
                assertTrue(bound.rate() >= result.total().successRate(), run);
            }
        }
    }

    @Test
    void theBoundIsTheSameWhicheverPolicyRunsAndBitForBitForASeed() throws Exception {
        Scenario scenario = stormy();
        Headroom measured = Headroom.measure(scenario, 5, 3);
        assertEquals(measured, Headroom.measure(scenario, 5, 3));
        for (OffloadingPolicy policy : List.of(TestPolicies.random(1), TestPolicies.greedy())) {
            HeadroomEvaluator watching = new HeadroomEvaluator(scenario.withSeed(5), 5);
            Runner.of(scenario, policy).seed(5).episodes(3).evaluator(watching).run();
            assertEquals(measured, watching.result(), policy.name());
        }
        assertEquals(3, measured.episodes().size());
        assertNotEquals(measured, Headroom.measure(scenario, 6, 3), "another seed, other arrivals and failures");
    }

    @Test
    void withoutFailuresAndWithTimeEnoughEveryTaskCouldSucceed() throws Exception {
        Scenario calm = stormy("failures.linkRate=0", "failures.nodeHardwareRate=0", "failures.nodeSoftwareRate=0",
                "failures.executionRate=0", "failures.transmissionRate=0", "tasks.deadlineS=30",
                "tasks.arrivalProbability=0.9");
        Headroom headroom = Headroom.measure(calm, 1, 2);
        assertTrue(headroom.tasks() > 50, "tasks arrived: " + headroom.tasks());
        assertEquals(headroom.tasks(), headroom.feasible());
        assertEquals(1.0, headroom.rate());
    }

    @Test
    void failuresLowerTheBoundAndAFailingExecutionLeavesNone() throws Exception {
        double stormy = Headroom.measure(stormy(), 1, 3).rate();
        double calmer = Headroom.measure(stormy("failures.executionRate=0", "failures.transmissionRate=0"), 1, 3)
                .rate();
        assertTrue(stormy < calmer && calmer < 1, stormy + " < " + calmer + " < 1");
        assertEquals(0.0, Headroom.measure(stormy("failures.executionRate=1"), 1, 1).rate());
    }

    @Test
    void countsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Headroom.Episode(3, 4));
        assertThrows(IllegalArgumentException.class, () -> new Headroom(-1, 0, List.of()));
        Headroom two = Headroom.of(List.of(new Headroom.Episode(10, 4), new Headroom.Episode(30, 26)));
        assertEquals(0.75, two.rate());
        assertEquals(0.4, two.episodes().get(0).rate());
        assertTrue(Double.isNaN(Headroom.of(List.of()).rate()));
    }
}
