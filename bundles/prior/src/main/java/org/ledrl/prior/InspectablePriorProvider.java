package org.ledrl.prior;

import java.util.Optional;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A prior provider that can show its work: the {@code prior} command asks it once, synchronously,
 * and prints the prompt, the raw answers and the verdicts. LLM provider components register under
 * this interface as well as {@link PriorProvider}.
 */
@ConsumerType
public interface InspectablePriorProvider extends PriorProvider {

    /** Asks once, synchronously, and tells everything that happened. Never throws for a bad or missing answer. */
    Consultation consult(PromptContext context);

    /** The server, model and cache mode, for people (never a credential). No network access. */
    String describe();

    /**
     * Asks the server whether it is there and has the model (Ollama's {@code /api/tags}, OpenAI's
     * {@code /v1/models}); one line for people. Blocks up to the provider's timeout; never throws.
     */
    String checkServer();

    /**
     * A provider with this one's settings but another server URL or model (an empty value keeps the
     * current one), for checking a set-up without changing the configuration.
     */
    InspectablePriorProvider withEndpoint(Optional<String> url, Optional<String> model);

    /** Answers rejected so far, per reason. */
    RejectionCounts rejections();
}
