package org.ledrl.policy.agsp.internal;

/**
 * How much search AGSP may spend on one slot, and how it explores. A slot costs
 * {@code population * (generations + 1)} fitness evaluations, no more.
 *
 * <p>The default is the paper's budget read as time: its AGSP takes 0.5-1.8 ms a decision (Table I; the
 * paper gives no population or generation count), and 300 generations of 100 plans (30,100 evaluations a
 * slot) take about 0.5 ms a decision here. The cooling takes the temperature from 0.5 to 0.007 over the
 * 300 generations, the schedule the earlier default (40 generations of 20, cooling 0.9) ran in 40.
 *
 * @param generations        generations after the initial population
 * @param population         individuals per generation
 * @param mutationRate       probability that a child's gene is redrawn
 * @param initialTemperature annealing temperature of the first generation, in fitness units (expected successes)
 * @param cooling            factor the temperature is multiplied by each generation
 */
record Budget(int generations, int population, double mutationRate, double initialTemperature, double cooling) {

    static final Budget DEFAULT = new Budget(300, 100, 0.1, 0.5, 0.986);

    Budget {
        require(generations >= 0, "generations", "at least 0", generations);
        require(population >= 2, "population", "at least 2", population);
        require(mutationRate >= 0 && mutationRate <= 1, "mutationRate", "in [0,1]", mutationRate);
        require(initialTemperature >= 0 && Double.isFinite(initialTemperature), "initialTemperature",
                "a finite number at least 0", initialTemperature);
        require(cooling > 0 && cooling <= 1, "cooling", "in (0,1]", cooling);
    }

    /** The most fitness evaluations one slot may cost. */
    long maxEvaluations() {
        return (long) population * (generations + 1);
    }

    private static void require(boolean ok, String key, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("AGSP setting " + key + " must be " + rule + ", not " + value);
        }
    }
}
