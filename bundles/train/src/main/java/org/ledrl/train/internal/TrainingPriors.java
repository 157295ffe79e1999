package org.ledrl.train.internal;

import java.util.Random;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.policy.mappo.MisleadingPriors;
import org.ledrl.prior.RefreshPolicy;
import org.ledrl.prior.RefreshingPriorBoard;

/**
 * Where a training or validation episode gets its priors: a private simulated prior board asking the provider, as
 * a run does; none for an actor that reads no prior.
 */
record TrainingPriors(PriorProvider provider, TrainingOptions.PriorOptions options) {

    static final TrainingPriors NONE = new TrainingPriors(null, null);

    boolean present() {
        return provider != null;
    }

    /**
     * The board of training episode {@code seed}: the provider's priors, or (in a share {@code noise} of the
     * episodes, drawn from the episode's seed) no priors or misleading ones, so that the actor learns how far to trust
     * them.
     */
    PriorBoard episode(long seed) {
        if (!present()) {
            return PriorBoard.NONE;
        }
        double draw = new Random(seed ^ 0x5EEDL).nextDouble();
        if (draw < options.noise() / 2) {
            return PriorBoard.NONE;
        }
        return draw < options.noise() ? misleading() : honest();
    }

    PriorBoard honest() {
        return present() ? RefreshingPriorBoard.simulated(provider, options.refreshPolicy(), null) : PriorBoard.NONE;
    }

    PriorBoard misleading() {
        PriorProvider inverted = MisleadingPriors.inverting(provider);
        RefreshPolicy policy = options.refreshPolicy();
        // misleading priors arrive as late as the honest ones would
        return RefreshingPriorBoard.simulated(inverted,
                policy.withProviderDelay(inverted.name(), policy.delayFor(provider.name())), null);
    }

    /** Whether validation also runs with misleading priors: for an actor trained with some. */
    boolean validatesMisleading() {
        return present() && options.noise() > 0;
    }
}
