package org.ledrl.experiment.internal;

import java.util.List;
import java.util.Optional;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.policy.PriorConsumer;
import org.ledrl.prior.RefreshPolicy;
import org.ledrl.prior.RefreshingPriorBoard;
import org.ledrl.prior.heuristic.HeuristicPrior;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.ledrl.reflect.ReflectiveEvaluatorFactory;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;

/**
 * Gives each run of a prior-consuming policy ({@link PriorConsumer}) what it declared: a private simulated prior
 * board (deterministic per seed: the provider is asked synchronously on the simulated clock), asking the heuristic
 * provider or the configured LLM provider, with a private reflective memory when the policy wants reflection; or,
 * for a policy on the decision path, the provider itself. Other policies get no prior. Where no LLM provider is
 * configured or installed, the heuristic stands in, and {@link #providerFor} says so, for the report and the table.
 *
 * <p>The LLM delay applies to LLM providers, and to the heuristic where it stands in for one: their priors appear
 * {@code llmDelayMillis} after they were asked for. The heuristic provider itself is no LLM: it has no latency
 * ({@link RefreshPolicy#isFresh}): the Runner reads a prior when the decision is made, so the board asks it after the
 * decisions other agents made earlier in the slot, as the live decision service does; the same settings as training
 * ({@code standIn}).
 *
 * @param providers      the installed prior providers
 * @param llmProvider    provider.name of the LLM provider to use; empty when none is configured
 * @param llmDelayMillis the simulated LLM delay
 * @param memories       makes the private reflective memory of each run of a policy that wants reflection
 */
record PriorWiring(List<PriorProvider> providers, String llmProvider, long llmDelayMillis,
                   ReflectiveEvaluatorFactory memories) {

    /** The provider a run uses, how the report names it, and whether it is the heuristic standing in for an LLM. */
    record Choice(PriorProvider provider, String label, boolean standIn) {

        /** The board settings of a run: the LLM delay for an LLM or a stand-in, none for the heuristic itself. */
        RefreshPolicy refreshPolicy(long llmDelayMillis) {
            RefreshPolicy policy = RefreshPolicy.defaults().withDelayMillis(llmDelayMillis);
            return standIn ? policy.withProviderDelay(provider.name(), llmDelayMillis) : policy;
        }
    }

    /** The provider for {@code policy}; empty for a policy that takes no priors. */
    Optional<Choice> providerFor(OffloadingPolicy policy) {
        if (!(policy instanceof PriorConsumer consumer)) {
            return Optional.empty();
        }
        Choice heuristic = new Choice(find(HeuristicPrior.MODEL).orElse(HeuristicPrior.provider()), "heuristic", false);
        if (consumer.priorNeeds().source() == PriorConsumer.Source.HEURISTIC) {
            return Optional.of(heuristic);
        }
        if (llmProvider.isBlank()) {
            return Optional.of(new Choice(heuristic.provider(), "heuristic (stand-in: no LLM provider configured)",
                    true));
        }
        return Optional.of(find(llmProvider).map(p -> new Choice(p, p.name() + " (LLM)", false)).orElse(
                new Choice(heuristic.provider(), "heuristic (stand-in: LLM provider '" + llmProvider
                        + "' is not installed)", true)));
    }

    private Optional<PriorProvider> find(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** A runner for one run of {@code policy}, wired with the priors it declared. */
    Runner runner(Scenario scenario, OffloadingPolicy policy, long seed) {
        Optional<Choice> choice = providerFor(policy);
        if (choice.isEmpty()) {
            return Runner.of(scenario, policy).seed(seed);
        }
        PriorConsumer consumer = (PriorConsumer) policy;
        PriorConsumer.PriorNeeds needs = consumer.priorNeeds();
        if (needs.onDecisionPath()) {
            return Runner.of(scenario, consumer.forRun(seed, choice.get().provider())).seed(seed);
        }
        ReflectiveEvaluator memory = needs.reflection() ? memories.create(MemorySettings.simulated(scenario.slotSeconds())) : null;
        RefreshPolicy refresh = choice.get().refreshPolicy(llmDelayMillis);
        RefreshingPriorBoard board = RefreshingPriorBoard.simulated(choice.get().provider(), refresh, memory);
        // the board also watches the run: it counts every agent's decisions and outcomes
        Runner runner = Runner.of(scenario, policy).seed(seed).priors(board).evaluator(board);
        if (memory != null) {
            runner.evaluator(memory);
        }
        return runner;
    }
}
