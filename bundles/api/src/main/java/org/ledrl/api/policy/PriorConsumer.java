package org.ledrl.api.policy;

import org.ledrl.api.prior.PriorProvider;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An offloading policy that needs strategy priors, and which: the one place where a policy declares it.
 * Integrators implement it instead of {@link OffloadingPolicy} for a policy guided by priors. The
 * experiment command gives each run of such a policy a private simulated prior board (deterministic per seed, with
 * the configured LLM delay) asking a provider of the declared {@link PriorNeeds#source()}, with a private
 * reflective memory when {@link PriorNeeds#reflection()}. The live decision service reads the prior board for such
 * a policy only. Other policies always get {@link org.ledrl.api.model.StrategyPrior#none}: reading a prior costs
 * microseconds, so a policy that ignores priors does not pay for it.
 */
@ConsumerType
public interface PriorConsumer extends OffloadingPolicy {

    /** Where a policy's priors should come from. */
    enum Source {
        /** The deterministic heuristic provider, never an LLM. */
        HEURISTIC,
        /** An LLM provider (or its record/replay cache); the heuristic stands in where none is configured. */
        LLM
    }

    /**
     * What a policy needs.
     *
     * @param source         which kind of provider
     * @param reflection     whether the prompts carry the reflective memory's lessons
     * @param onDecisionPath whether the policy asks the provider itself for every decision (the LLM-only
     *                       baseline) instead of reading the prior board
     */
    record PriorNeeds(Source source, boolean reflection, boolean onDecisionPath) {
    }

    PriorNeeds priorNeeds();

    /**
     * A copy for one run that asks {@code provider}, for policies on the decision path; the others read the board
     * and return {@link #forRun(long)}.
     */
    default OffloadingPolicy forRun(long seed, PriorProvider provider) {
        return forRun(seed);
    }
}
