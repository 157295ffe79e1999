package org.ledrl.sim.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.sim.RunResult;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioException;
import org.ledrl.sim.Scenarios;

/**
 * The simulator's throughput benchmark: runs the default scenario at several network sizes with a
 * trivial policy through the {@link Runner} (metrics and decision timing included) and prints the
 * median tasks simulated per second over a few repetitions, and the heap in use after each size
 * (which must stay flat as runs grow). Runs as {@code ledrl simbench} or from its {@link #main}.
 */
public final class SimBench {

    private static final int SLOTS_PER_EPISODE = 100;

    private SimBench() {
    }

    /**
     * @param sizes   node counts to measure
     * @param tasks   tasks to simulate per measurement (roughly)
     * @param repeats measurements per size (after one warm-up)
     * @param policy  {@code local} or {@code random}
     * @return the median tasks per second of each size
     */
    public static double[] run(List<Integer> sizes, long tasks, int repeats, String policy, PrintStream out)
            throws ScenarioException {
        out.printf("simbench: %s policy, ~%d tasks per measurement, median of %d after a warm-up, %d CPUs%n",
                policy, tasks, repeats, Runtime.getRuntime().availableProcessors());
        double[] medians = new double[sizes.size()];
        for (int k = 0; k < sizes.size(); k++) {
            int nodes = sizes.get(k);
            Scenario probe = scenario(nodes, 1);
            double meanArrival = probe.tasks().arrivalProbability().mid();
            int episodes = (int) Math.max(1, Math.round(tasks / (meanArrival * nodes * SLOTS_PER_EPISODE)));
            Scenario scenario = scenario(nodes, episodes);
            double[] rates = new double[repeats];
            long simulated = 0;
            for (int r = -1; r < repeats; r++) {
                RunResult result = Runner.of(scenario, policy(policy)).seed(r + 2).run();
                simulated = result.total().tasks();
                if (r >= 0) {
                    rates[r] = result.total().tasksPerSecond();
                }
            }
            Arrays.sort(rates);
            medians[k] = rates[repeats / 2];
            out.printf("nodes %5d: %,10.0f tasks/s (median; min %,.0f, max %,.0f), %,d tasks a run, heap after %d MB%n",
                    nodes, medians[k], rates[0], rates[repeats - 1], simulated, usedHeapMB());
        }
        return medians;
    }

    private static Scenario scenario(int nodes, int episodes) throws ScenarioException {
        return Scenarios.parse("{}", "simbench", List.of("name=simbench-" + nodes, "topology.nodes=" + nodes,
                "slots=" + SLOTS_PER_EPISODE, "episodes=" + episodes));
    }

    static long usedHeapMB() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }

    static OffloadingPolicy policy(String name) {
        switch (name) {
            case "local":
                return new LocalPolicy();
            case "random":
                return new RandomPolicy(1);
            default:
                throw new IllegalArgumentException("simbench knows the policies local and random, not " + name);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : (args.length > 0 ? args[0] : "20,100,1000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        long tasks = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String policy = args.length > 3 ? args[3] : "random";
        run(sizes, tasks, repeats, policy, System.out);
    }

    /** Every task stays on its own node. */
    static final class LocalPolicy implements OffloadingPolicy {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            return Decision.of(observation.agent(), "local");
        }
    }

    /** A uniformly random candidate, available or not: the cheapest policy that exercises transfers. */
    static final class RandomPolicy implements OffloadingPolicy {
        private final SplittableRandom random;

        RandomPolicy(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public String name() {
            return "random";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            return Decision.of(observation.candidates().get(random.nextInt(observation.candidates().size())).node(),
                    "random");
        }

        @Override
        public OffloadingPolicy forRun(long seed) {
            return new RandomPolicy(seed);
        }
    }
}
