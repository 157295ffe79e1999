package org.ledrl.train.internal;

import java.util.Random;
import org.ledrl.api.env.EdgeEnvironment;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.policy.mappo.MisleadingPriors;
import org.ledrl.prior.RefreshPolicy;
import org.ledrl.prior.RefreshingPriorBoard;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.ledrl.reflect.ReflectiveEvaluatorFactory;
import org.ledrl.sim.Simulation;

/**
 * Where a training or validation episode gets its priors: a private simulated prior board asking the provider, as
 * a run does, with a private reflective memory when the options ask for reflection ({@code memories} makes it); none
 * for an actor that reads no prior.
 */
record TrainingPriors(PriorProvider provider, TrainingOptions.PriorOptions options,
                      ReflectiveEvaluatorFactory memories) {

    static final TrainingPriors NONE = new TrainingPriors(null, null, null);

    /** An episode's priors: its board, and the memory that watches the episode for the board's prompts (or null). */
    record Episode(PriorBoard board, Evaluator memory) {
        static final Episode NONE = new Episode(PriorBoard.NONE, null);
    }

    TrainingPriors {
        if (options != null && options.reflection() && memories == null) {
            throw new IllegalArgumentException("training option reflection: no reflective memory is installed");
        }
    }

    boolean present() {
        return provider != null;
    }

    /**
     * The priors of training episode {@code seed}: the provider's, or (in a share {@code noise} of the episodes,
     * drawn from the episode's seed) none or misleading ones, so that the actor learns how far to trust them.
     */
    Episode episode(long seed, EdgeEnvironment environment) {
        if (!present()) {
            return Episode.NONE;
        }
        double draw = new Random(seed ^ 0x5EEDL).nextDouble();
        if (draw < options.noise() / 2) {
            return Episode.NONE;
        }
        return draw < options.noise() ? misleading(environment) : honest(environment);
    }

    Episode honest(EdgeEnvironment environment) {
        if (!present()) {
            return Episode.NONE;
        }
        ReflectiveEvaluator memory = memory(environment);
        return new Episode(RefreshingPriorBoard.simulated(provider, options.refreshPolicy(), memory), memory);
    }

    Episode misleading(EdgeEnvironment environment) {
        PriorProvider inverted = MisleadingPriors.inverting(provider);
        RefreshPolicy policy = options.refreshPolicy();
        ReflectiveEvaluator memory = memory(environment);
        // misleading priors arrive as late as the honest ones would
        return new Episode(RefreshingPriorBoard.simulated(inverted,
                policy.withProviderDelay(inverted.name(), policy.delayFor(provider.name())), memory), memory);
    }

    /** A fresh memory on the environment's slot length, as a run of a policy with reflection gets; null without. */
    private ReflectiveEvaluator memory(EdgeEnvironment environment) {
        if (!options.reflection()) {
            return null;
        }
        double slotSeconds = environment instanceof Simulation s ? s.scenario().slotSeconds() : 1.0;
        return memories.create(MemorySettings.simulated(slotSeconds));
    }

    /** Whether validation also runs with misleading priors: for an actor trained with some. */
    boolean validatesMisleading() {
        return present() && options.noise() > 0;
    }
}
