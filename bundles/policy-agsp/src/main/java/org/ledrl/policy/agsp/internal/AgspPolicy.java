package org.ledrl.policy.agsp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code agsp} baseline, the paper's AGSP: a genetic algorithm with simulated-annealing
 * acceptance ({@link GeneticAnnealingSearch}) that places all the tasks of a slot jointly, scoring a
 * plan by the tasks expected to meet their deadline and reliability threshold once the slot's own
 * tasks have queued on the nodes they were sent to ({@link SlotProblem}). It does well when many
 * tasks arrive together and per-task greedy policies would all pile onto the same idle node; it
 * pays for that with a decision time that grows with the budget (generations times population) and
 * the number of tasks in the slot, and it knows nothing of failures beyond the reliability estimate.
 *
 * <p>Randomness is seeded: {@link #forRun} gives a run its own seeded copy, so a run is
 * reproducible. The budget is configurable; a bad new configuration is reported and the previous
 * budget stays in force.
 */
@Component(service = OffloadingPolicy.class, configurationPid = AgspPolicy.PID)
@PolicyName(AgspPolicy.NAME)
@Designate(ocd = AgspPolicy.Config.class)
public final class AgspPolicy implements OffloadingPolicy {

    static final String NAME = "agsp";
    static final String PID = "org.ledrl.policy.agsp";

    private static final Logger LOG = LoggerFactory.getLogger(AgspPolicy.class);

    @ObjectClassDefinition(name = "AGSP offloading policy",
            description = "Genetic search with simulated-annealing acceptance over the tasks of one slot. The default "
                    + "budget (300 generations of 100 plans, cooling from 0.5 to 0.007) is the paper's: its AGSP "
                    + "takes 0.5-1.8 ms a decision (Table I), and this budget spends about 0.5 ms a decision here "
                    + "(see the bundle's README).")
    public @interface Config {
        @AttributeDefinition(name = "Generations", min = "0",
                description = "Generations bred per slot after the initial population. Default 300: with the default "
                        + "population, about the paper's decision time (0.5-1.8 ms a decision).")
        int generations() default 300;

        @AttributeDefinition(name = "Population", min = "2",
                description = "Plans per generation. Default 100: a slot costs population x (generations + 1) "
                        + "fitness evaluations, 30,100 by default.")
        int population() default 100;

        @AttributeDefinition(name = "Mutation rate", min = "0", max = "1",
                description = "Probability that a child's placement of one task is redrawn at random.")
        double mutationRate() default 0.1;

        @AttributeDefinition(name = "Initial temperature", min = "0",
                description = "Annealing temperature of the first generation, in expected successful tasks; "
                        + "0 accepts only children at least as fit as their parent.")
        double initialTemperature() default 0.5;

        @AttributeDefinition(name = "Cooling factor",
                description = "Temperature multiplier per generation, in (0,1]. Default 0.986: over the default 300 "
                        + "generations the temperature falls from 0.5 to 0.007, so the search explores for most of "
                        + "its budget; with fewer generations raise the cooling (e.g. 0.9 for 40) to end there too.")
        double cooling() default 0.986;

        @AttributeDefinition(name = "Seed", description = "Seed of the live service's random generator; "
                + "simulation runs use their own seed.")
        long seed() default 0L;
    }

    private volatile Budget budget;
    private volatile long seed;
    /** Slots decided so far: each slot's generator is derived from the seed and this count. */
    private final AtomicLong slots = new AtomicLong();

    /** For Declarative Services: the budget comes with activation. */
    public AgspPolicy() {
        this(Budget.DEFAULT, 0L);
    }

    AgspPolicy(Budget budget, long seed) {
        this.budget = budget;
        this.seed = seed;
    }

    /** Starts with {@code config}; a bad configuration fails activation with a message naming the setting. */
    @Activate
    void activate(Config config) {
        budget = budgetOf(config);
        seed = config.seed();
    }

    /** A bad change is logged with the setting it names, and the budget in force stays. */
    @Modified
    void modified(Config config) {
        try {
            budget = budgetOf(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Configuration {} rejected, keeping {}: {}", PID, budget, e.getMessage());
        }
    }

    private static Budget budgetOf(Config config) {
        return new Budget(config.generations(), config.population(), config.mutationRate(),
                config.initialTemperature(), config.cooling());
    }

    Budget budget() {
        return budget;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        return decideSlot(List.of(observation), List.of(prior)).get(0);
    }

    @Override
    public List<Decision> decideSlot(List<Observation> observations, List<StrategyPrior> priors) {
        if (observations.isEmpty()) {
            return List.of();
        }
        SlotProblem problem = SlotProblem.of(observations);
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + slots.getAndIncrement());
        GeneticAnnealingSearch.Result plan = new GeneticAnnealingSearch(budget).run(problem, random);
        List<Decision> decisions = new ArrayList<>(observations.size());
        for (int t = 0; t < observations.size(); t++) {
            decisions.add(Decision.of(problem.target(t, plan.genes()[t]), NAME));
        }
        return decisions;
    }

    @Override
    public OffloadingPolicy forRun(long seed) {
        return new AgspPolicy(budget, seed);
    }
}
