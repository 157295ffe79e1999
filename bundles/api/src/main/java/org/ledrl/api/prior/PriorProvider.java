package org.ledrl.api.prior;

import java.util.concurrent.CompletionStage;
import org.ledrl.api.model.StrategyPrior;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a prompt context into a strategy prior: an LLM behind a server (Ollama, an
 * OpenAI-compatible endpoint) or a deterministic heuristic. Integrators implement it in a provider
 * bundle, registered with a {@code provider.name} property.
 *
 * <p>Called off the decision path. The returned stage completes with a validated prior; a
 * provider that cannot produce one completes it with a fallback prior, never exceptionally on
 * bad LLM output.
 */
@ConsumerType
public interface PriorProvider {

    /** The name users select it by; the same as the service's {@code provider.name} property. */
    String name();

    CompletionStage<StrategyPrior> propose(PromptContext context);
}
