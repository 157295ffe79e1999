package org.ledrl.policy.agsp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.OffloadingPolicy;
import org.junit.jupiter.api.Test;

class AgspPolicyTest {

    /** 400 KB at 1000 cycles/bit: 3.2 Gcycles, 1.07 s of compute on a 3 GHz node. */
    private static Task task(int id, int origin, double deadlineS) {
        return new Task(id, origin, 0L, 400, 1000, deadlineS, "test");
    }

    private static Candidate self(int node, double queueS) {
        return new Candidate(status(node, queueS, true), 0.001, 0, 0, 0, 0, true);
    }

    private static Candidate neighbour(int node, double queueS, boolean up) {
        return new Candidate(status(node, queueS, up), 0.001, 1, 0.1, 0.002, 0.001, true);
    }

    private static NodeStatus status(int node, double queueS, boolean up) {
        return new NodeStatus(node, up ? Health.UP : Health.DOWN, 3.0, 0.5, 1, queueS, 0.3, Double.NaN, Double.NaN,
                0, 0L);
    }

    private static List<StrategyPrior> noPriors(List<Observation> observations) {
        return Collections.nCopies(observations.size(), StrategyPrior.none(0));
    }

    /**
     * Six busy agents (3 s queues: local misses the 2.5 s deadline) share three idle neighbours, each
     * of which can finish two tasks in time (1.11 s, then 2.18 s) but not a third (3.24 s).
     */
    private static List<Observation> crowdedSlot() {
        List<Observation> slot = new ArrayList<>();
        for (int agent = 0; agent < 6; agent++) {
            slot.add(new Observation(agent, 0L, task(agent, agent, 2.5), List.of(self(agent, 3.0),
                    neighbour(6, 0, true), neighbour(7, 0, true), neighbour(8, 0, true)), 0.9));
        }
        return slot;
    }

    /** Tasks that meet their deadline when the slot's tasks queue in order on their targets; independent of SlotProblem. */
    private static int tasksInTime(List<Observation> slot, List<Integer> targets) {
        Map<Integer, Double> added = new HashMap<>();
        int inTime = 0;
        for (int t = 0; t < slot.size(); t++) {
            Observation obs = slot.get(t);
            Candidate c = obs.candidates().get(obs.indexOf(targets.get(t)));
            double wait = added.getOrDefault(c.node(), 0.0);
            if (c.estimatedLatency(obs.task()) + wait <= obs.task().deadlineS()) {
                inTime++;
            }
            added.put(c.node(), wait + c.computeSeconds(obs.task()));
        }
        return inTime;
    }

    private static List<Integer> targets(List<Decision> decisions) {
        return decisions.stream().map(Decision::target).toList();
    }

    @Test
    void beatsRandomPlacementOnACrowdedSlot() {
        List<Observation> slot = crowdedSlot();
        List<Integer> agsp = targets(new AgspPolicy().forRun(3).decideSlot(slot, noPriors(slot)));
        assertEquals(6, tasksInTime(slot, agsp), "AGSP plan " + agsp);

        SplittableRandom random = new SplittableRandom(11);
        double randomInTime = 0;
        int draws = 200;
        for (int d = 0; d < draws; d++) {
            List<Integer> plan = new ArrayList<>();
            for (Observation obs : slot) {
                plan.add(obs.candidates().get(random.nextInt(obs.candidates().size())).node());
            }
            randomInTime += tasksInTime(slot, plan);
        }
        assertTrue(randomInTime / draws < 5.0, "random placement met " + randomInTime / draws + " on average");
    }

    @Test
    void findsJointPlansThatPlacingTasksOneByOneMisses() {
        // Task 0 has slack, task 1 does not. Placing them in order, task 0 takes the idle node X and
        // task 1 misses its deadline; the joint optimum sends task 0 to the queued node Y instead.
        Candidate x = neighbour(1, 0.0, true);
        Candidate y = neighbour(2, 1.5, true);
        List<Observation> slot = List.of(
                new Observation(0, 0L, task(0, 0, 4.0), List.of(self(0, 9.0), x, y), 0.9),
                new Observation(3, 0L, task(1, 3, 1.2), List.of(self(3, 9.0), x, y), 0.9));
        SlotProblem problem = SlotProblem.of(slot);
        int[] oneByOne = problem.listSchedule();
        assertEquals(List.of(1, 1), List.of(problem.target(0, oneByOne[0]), problem.target(1, oneByOne[1])));

        List<Integer> agsp = targets(new AgspPolicy().forRun(5).decideSlot(slot, noPriors(slot)));
        assertEquals(List.of(2, 1), agsp);
        assertEquals(2, tasksInTime(slot, agsp));
    }

    @Test
    void spendsExactlyItsBudget() {
        SlotProblem problem = SlotProblem.of(crowdedSlot());
        for (Budget budget : List.of(new Budget(0, 2, 0.1, 0.5, 0.9), new Budget(7, 5, 0.1, 0.5, 0.9),
                new Budget(40, 20, 0.3, 0.0, 1.0))) {
            GeneticAnnealingSearch.Result result = new GeneticAnnealingSearch(budget).run(problem,
                    new SplittableRandom(1));
            assertEquals(budget.maxEvaluations(), result.evaluations(), budget.toString());
            assertEquals(problem.fitness(result.genes()), result.fitness(), 1e-12);
        }
    }

    @Test
    void neverChoosesAnUnavailableCandidate() {
        List<Observation> slot = new ArrayList<>();
        for (int agent = 0; agent < 4; agent++) {
            slot.add(new Observation(agent, 0L, task(agent, agent, 2.5), List.of(self(agent, 3.0),
                    neighbour(6, 0, false), neighbour(7, 0, true),
                    new Candidate(status(8, 0, true), 0.001, 1, 0.1, 0.002, 0.001, false)), 0.9));
        }
        for (long seed = 0; seed < 20; seed++) {
            for (int target : targets(new AgspPolicy().forRun(seed).decideSlot(slot, noPriors(slot)))) {
                assertTrue(target != 6 && target != 8, "chose unavailable node " + target + " with seed " + seed);
            }
        }
    }

    @Test
    void aRunIsReproducibleFromItsSeed() {
        List<Observation> slot = crowdedSlot();
        OffloadingPolicy service = new AgspPolicy(new Budget(3, 4, 0.5, 2.0, 0.9), 0);
        List<List<Integer>> first = new ArrayList<>();
        List<List<Integer>> second = new ArrayList<>();
        OffloadingPolicy runA = service.forRun(42);
        OffloadingPolicy runB = service.forRun(42);
        for (int s = 0; s < 5; s++) {
            first.add(targets(runA.decideSlot(slot, noPriors(slot))));
        }
        for (int s = 0; s < 5; s++) {
            second.add(targets(runB.decideSlot(slot, noPriors(slot))));
        }
        assertEquals(first, second);
        assertNotEquals(runA, runB);
    }

    @Test
    void decidesASingleTaskLikeASlotOfOne() {
        Observation obs = crowdedSlot().get(0);
        Decision decision = new AgspPolicy().forRun(1).decide(obs, StrategyPrior.none(0));
        assertTrue(List.of(6, 7, 8).contains(decision.target()));
        assertEquals("agsp", decision.policy());
    }

    @Test
    void theConfigurationDefaultsAreTheDefaultBudget() throws NoSuchMethodException {
        // the Web Console's form and a policy built without configuration must search alike
        Budget fromLabels = new Budget(defaultOf("generations"), defaultOf("population"),
                defaultOf("mutationRate"), defaultOf("initialTemperature"), defaultOf("cooling"));
        assertEquals(Budget.DEFAULT, fromLabels);
        assertEquals(Budget.DEFAULT, new AgspPolicy().budget());
        assertEquals(30_100, Budget.DEFAULT.maxEvaluations(), "the budget the README and the labels state");
    }

    @Test
    void theDefaultScheduleCoolsOverTheWholeSearch() {
        Budget budget = Budget.DEFAULT;
        double half = budget.initialTemperature() * Math.pow(budget.cooling(), budget.generations() / 2.0);
        double last = budget.initialTemperature() * Math.pow(budget.cooling(), budget.generations());
        assertTrue(half > 0.05, "still exploring halfway: " + half);
        assertTrue(last > 0.005 && last < 0.01, "elitist by the end: " + last);
    }

    @SuppressWarnings("unchecked")
    private static <T> T defaultOf(String attribute) throws NoSuchMethodException {
        return (T) AgspPolicy.Config.class.getMethod(attribute).getDefaultValue();
    }

    @Test
    void rejectsABadBudgetNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Budget(10, 1, 0.1, 0.5, 0.9));
        assertTrue(e.getMessage().contains("population") && e.getMessage().contains("1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Budget(10, 10, 1.5, 0.5, 0.9));
        assertTrue(e.getMessage().contains("mutationRate"), e.getMessage());
    }

    @Test
    void aBadConfigurationChangeKeepsTheBudgetInForce() {
        AgspPolicy policy = new AgspPolicy();
        policy.activate(config(12, 8));
        assertEquals(new Budget(12, 8, 0.1, 0.5, 0.9), policy.budget());
        policy.modified(config(12, 0));
        assertEquals(new Budget(12, 8, 0.1, 0.5, 0.9), policy.budget());
        policy.modified(config(30, 6));
        assertEquals(6, policy.budget().population());
        assertThrows(IllegalArgumentException.class, () -> new AgspPolicy().activate(config(-1, 8)));
    }

    private static AgspPolicy.Config config(int generations, int population) {
        return new AgspPolicy.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AgspPolicy.Config.class;
            }

            @Override
            public int generations() {
                return generations;
            }

            @Override
            public int population() {
                return population;
            }

            @Override
            public double mutationRate() {
                return 0.1;
            }

            @Override
            public double initialTemperature() {
                return 0.5;
            }

            @Override
            public double cooling() {
                return 0.9;
            }

            @Override
            public long seed() {
                return 0;
            }
        };
    }
}
