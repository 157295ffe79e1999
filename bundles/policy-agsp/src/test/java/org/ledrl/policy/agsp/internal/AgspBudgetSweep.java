package org.ledrl.policy.agsp.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ledrl.api.env.Slot;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.metrics.Summary;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.Scenarios;
import org.ledrl.sim.Simulation;

/**
 * What AGSP's budget buys, for the README: per budget ({@code GENERATIONSxPOPULATION}, cooling so that the
 * temperature ends at 0.007 as in the default schedule) the success rate and decision time on the simulator, and
 * how close the search comes to a far larger one (1000 x 200) on the same slots: the mean fitness (expected
 * successful tasks) it falls short by, and the share of slots where it reaches it. Run with
 * {@code ./mvnw -f bundles/pom.xml -pl policy-agsp exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.ledrl.policy.agsp.internal.AgspBudgetSweep
 * -Dexec.args="SCENARIO.yaml FIRST-LAST 40x20,100x50,300x100 [key=value...]"}.
 */
public final class AgspBudgetSweep {

    private static final Budget REFERENCE = budget(1000, 200);
    private static final int SAMPLED_SLOTS = 300;

    private AgspBudgetSweep() {
    }

    /** {@code generations x population}, with the default mutation rate and the default schedule's end points. */
    static Budget budget(int generations, int population) {
        return new Budget(generations, population, Budget.DEFAULT.mutationRate(), Budget.DEFAULT.initialTemperature(),
                Math.pow(0.9, 40.0 / Math.max(1, generations)));
    }

    public static void main(String[] args) throws Exception {
        Scenario scenario = Scenarios.load(Path.of(args[0]), Arrays.asList(args).subList(3, args.length));
        String[] range = args[1].split("-");
        long first = Long.parseLong(range[0]);
        long last = Long.parseLong(range[1]);
        List<List<Observation>> slots = sampleSlots(scenario, first);
        double[] reference = new double[slots.size()];
        for (int i = 0; i < slots.size(); i++) {
            reference[i] = search(REFERENCE, slots.get(i), i);
        }
        System.out.printf(Locale.ROOT, "%s, seeds %d..%d; search quality on %d slots of seed %d against %dx%d%n"
                + "%-10s %11s %9s %9s %12s %12s%n", scenario.name(), first, last, slots.size(), first,
                REFERENCE.generations(), REFERENCE.population(), "budget", "evaluations", "success", "decision",
                "fitness gap", "reaches ref");
        for (String spec : args[2].split(",")) {
            String[] parts = spec.split("x");
            Budget budget = budget(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            double success = 0;
            double decisionUs = 0;
            long decisions = 0;
            for (long seed = first; seed <= last; seed++) {
                Summary total = Runner.of(scenario, new AgspPolicy(budget, 0)).seed(seed).run().total();
                success += total.successRate();
                decisionUs += total.decisionMeanUs() * total.decisions();
                decisions += total.decisions();
            }
            double gap = 0;
            int reached = 0;
            for (int i = 0; i < slots.size(); i++) {
                double fitness = search(budget, slots.get(i), i + 1_000_003L);
                gap += reference[i] - fitness;
                reached += fitness >= reference[i] - 1e-9 ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%-10s %11d %8.1f%% %6.0f µs %12.4f %11.1f%%%n", spec,
                    budget.maxEvaluations(), 100 * success / (last - first + 1), decisionUs / decisions,
                    gap / slots.size(), 100.0 * reached / slots.size());
        }
    }

    private static double search(Budget budget, List<Observation> slot, long seed) {
        return new GeneticAnnealingSearch(budget).run(SlotProblem.of(slot), new SplittableRandom(seed)).fitness();
    }

    /** Every 7th slot with two tasks or more, from episodes of the default AGSP on {@code seed}'s network. */
    private static List<List<Observation>> sampleSlots(Scenario scenario, long seed) {
        List<List<Observation>> sampled = new ArrayList<>();
        Simulation simulation = new Simulation(scenario.withSeed(seed));
        AgspPolicy driver = new AgspPolicy(Budget.DEFAULT, seed);
        int seen = 0;
        for (int episode = 0; sampled.size() < SAMPLED_SLOTS; episode++) {
            Slot slot = simulation.reset(Runner.episodeSeed(seed, episode));
            while (!slot.done()) {
                List<Observation> observations = slot.observations();
                if (observations.size() >= 2 && seen++ % 7 == 0 && sampled.size() < SAMPLED_SLOTS) {
                    sampled.add(observations);
                }
                slot = simulation.step(driver.decideSlot(observations,
                        Collections.nCopies(observations.size(), StrategyPrior.none(0))));
            }
        }
        return sampled;
    }
}
