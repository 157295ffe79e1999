package org.ledrl.train.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ledrl.api.env.EdgeEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The success rate of the actor as it is now on the validation episodes, all side by side: greedy actions, honest
 * priors (fresh from a board of their own, as in a run), no update; and with misleading priors for an actor trained
 * with some. The mean over the validation seeds, with the 95% interval of that mean.
 */
final class Validator {

    private static final Logger LOG = LoggerFactory.getLogger(Validator.class);

    private final List<Long> seeds;
    private final Function<Long, EdgeEnvironment> environments;
    private final TrainingPriors priors;

    Validator(List<Long> seeds, Function<Long, EdgeEnvironment> environments, TrainingPriors priors) {
        this.seeds = seeds;
        this.environments = environments;
        this.priors = priors;
    }

    ValidationResult validate(VectorRollouts rollouts) {
        double[] honest = successRates(rollouts, priors::honest);
        double misleading = priors.validatesMisleading() ? mean(successRates(rollouts, priors::misleading))
                : Double.NaN;
        ValidationResult result = new ValidationResult(mean(honest), misleading, ci95(honest), honest);
        LOG.debug("validation {}", result);
        return result;
    }

    private double[] successRates(VectorRollouts rollouts,
                                  Function<EdgeEnvironment, TrainingPriors.Episode> episodePriors) {
        List<Lane> lanes = new ArrayList<>(seeds.size());
        for (long seed : seeds) {
            EdgeEnvironment environment = environments.apply(seed);
            lanes.add(new Lane(environment, seed, episodePriors.apply(environment)));
        }
        rollouts.run(lanes, true);
        return lanes.stream().mapToDouble(l -> l.rollout.successRate()).toArray();
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /** Half-width of the normal 95% interval of the mean of {@code values}. */
    static double ci95(double[] values) {
        int n = values.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return 1.96 * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
    }
}
