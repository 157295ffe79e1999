package org.ledrl.prior;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One LLM server's chat endpoint, as the provider guard needs it: send a conversation, get the
 * assistant's text. LLM provider bundles implement it over their wire protocol (Ollama's
 * {@code /api/chat}, OpenAI's {@code /v1/chat/completions}); {@link GuardedPriorProvider} does the
 * rest. Implementations must be thread-safe and must time out on their own.
 */
@ConsumerType
public interface ChatClient {

    /** The model answers come from, e.g. {@code qwen3:4b}; recorded in priors and in the answer cache. */
    String model();

    /**
     * Sends {@code conversation} and returns the assistant's answer.
     *
     * @param jsonSchema the JSON schema the answer must match ({@link PriorSchema}), for servers that
     *                   constrain their output with it
     * @throws ChatFailure when there is no answer: timeout, unreachable server, missing model, HTTP error
     */
    String complete(List<ChatTurn> conversation, String jsonSchema) throws ChatFailure;
}
