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
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;

/**
 * Gives each run of a prior-consuming policy ({@link PriorConsumer}) what it declared: a private simulated prior
 * board (deterministic per seed: the provider is asked synchronously on the simulated clock and its priors appear
 * {@code llmDelayMillis} later), asking the heuristic provider or the configured LLM provider, with a private
 * reflective memory when the policy wants reflection; or, for a policy on the decision path, the provider itself.
 * Other policies get no prior. Where no LLM provider is configured or installed, the heuristic stands in, and
 * {@link #providerFor} says so, for the report and the table.
 *
 * @param providers      the installed prior providers
 * @param llmProvider    provider.name of the LLM provider to use; empty when none is configured
 * @param llmDelayMillis the simulated LLM delay
 */
record PriorWiring(List<PriorProvider> providers, String llmProvider, long llmDelayMillis) {

    /** The provider a run uses and how the report names it. */
    record Choice(PriorProvider provider, String label) {
    }

    /** The provider for {@code policy}; empty for a policy that takes no priors. */
    Optional<Choice> providerFor(OffloadingPolicy policy) {
        if (!(policy instanceof PriorConsumer consumer)) {
            return Optional.empty();
        }
        Choice heuristic = new Choice(find(HeuristicPrior.MODEL).orElse(HeuristicPrior.provider()), "heuristic");
        if (consumer.priorNeeds().source() == PriorConsumer.Source.HEURISTIC) {
            return Optional.of(heuristic);
        }
        if (llmProvider.isBlank()) {
            return Optional.of(new Choice(heuristic.provider(), "heuristic (stand-in: no LLM provider configured)"));
        }
        return Optional.of(find(llmProvider).map(p -> new Choice(p, p.name() + " (LLM)")).orElse(
                new Choice(heuristic.provider(), "heuristic (stand-in: LLM provider '" + llmProvider
                        + "' is not installed)")));
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
        ReflectiveEvaluator memory = needs.reflection() ? ReflectiveEvaluator.create(MemorySettings.defaults()
                .withTime((long) (scenario.slotSeconds() * 1000), 20, 300, 50)) : null;
        RefreshPolicy refresh = RefreshPolicy.defaults().withDelayMillis(llmDelayMillis);
        RefreshingPriorBoard board = RefreshingPriorBoard.simulated(choice.get().provider(), refresh, memory);
        Runner runner = Runner.of(scenario, policy).seed(seed).priors(board).evaluator(board);
        if (memory != null) {
            runner.evaluator(memory);
        }
        return runner;
    }
}
