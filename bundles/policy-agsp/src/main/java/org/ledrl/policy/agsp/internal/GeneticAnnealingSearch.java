package org.ledrl.policy.agsp.internal;

import java.util.SplittableRandom;

/**
 * A genetic algorithm whose replacement step is a simulated-annealing acceptance test: each
 * generation, every individual breeds one child (uniform crossover with a tournament-chosen mate,
 * then mutation); the child replaces its parent when it is fitter, or otherwise with probability
 * {@code exp(delta / T)}, the temperature {@code T} cooling geometrically. Early on this lets the
 * population wander out of local optima; later it turns into plain elitist selection. The best
 * solution ever seen is kept apart, so acceptance never loses it.
 *
 * <p>The initial population holds the list schedule of {@link SlotProblem#listSchedule} and random
 * plans. The search spends exactly {@link Budget#maxEvaluations} fitness evaluations.
 */
final class GeneticAnnealingSearch {

    /** The best plan found, its fitness, and how many fitness evaluations it cost. */
    record Result(int[] genes, double fitness, long evaluations) {
    }

    private final Budget budget;

    GeneticAnnealingSearch(Budget budget) {
        this.budget = budget;
    }

    Result run(SlotProblem problem, SplittableRandom random) {
        int size = budget.population();
        int[][] population = new int[size][];
        double[] fitness = new double[size];
        long evaluations = 0;

        population[0] = problem.listSchedule();
        for (int i = 1; i < size; i++) {
            population[i] = randomPlan(problem, random);
        }
        int[] best = population[0];
        double bestFitness = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            fitness[i] = problem.fitness(population[i]);
            evaluations++;
            if (fitness[i] > bestFitness) {
                best = population[i];
                bestFitness = fitness[i];
            }
        }

        double temperature = budget.initialTemperature();
        for (int generation = 0; generation < budget.generations(); generation++) {
            for (int i = 0; i < size; i++) {
                int mate = tournament(fitness, random);
                int[] child = crossover(population[i], population[mate], random);
                mutate(child, problem, random);
                double childFitness = problem.fitness(child);
                evaluations++;
                if (accept(childFitness - fitness[i], temperature, random)) {
                    population[i] = child;
                    fitness[i] = childFitness;
                }
                if (childFitness > bestFitness) {
                    best = child;
                    bestFitness = childFitness;
                }
            }
            temperature *= budget.cooling();
        }
        return new Result(best.clone(), bestFitness, evaluations);
    }

    private static int[] randomPlan(SlotProblem problem, SplittableRandom random) {
        int[] genes = new int[problem.tasks()];
        for (int t = 0; t < genes.length; t++) {
            genes[t] = random.nextInt(problem.optionCount(t));
        }
        return genes;
    }

    /** The fitter of two individuals drawn at random. */
    private static int tournament(double[] fitness, SplittableRandom random) {
        int a = random.nextInt(fitness.length);
        int b = random.nextInt(fitness.length);
        return fitness[a] >= fitness[b] ? a : b;
    }

    private static int[] crossover(int[] parent, int[] mate, SplittableRandom random) {
        int[] child = parent.clone();
        for (int t = 0; t < child.length; t++) {
            if (random.nextBoolean()) {
                child[t] = mate[t];
            }
        }
        return child;
    }

    private void mutate(int[] genes, SlotProblem problem, SplittableRandom random) {
        for (int t = 0; t < genes.length; t++) {
            if (random.nextDouble() < budget.mutationRate()) {
                genes[t] = random.nextInt(problem.optionCount(t));
            }
        }
    }

    private static boolean accept(double delta, double temperature, SplittableRandom random) {
        if (delta >= 0) {
            return true;
        }
        return temperature > 0 && random.nextDouble() < Math.exp(delta / temperature);
    }
}
