package org.ledrl.prior;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings every LLM chat endpoint has, whatever its protocol: where it is, which model, how to
 * sample and how long to wait. LLM provider components make one from their configuration with
 * {@link #checked} and give it to their {@link LlmChatClient}.
 *
 * @param url         the server's base URL
 * @param model       the model's name as the server knows it
 * @param temperature sampling temperature, 0 to 2
 * @param timeout     longest wait for one answer (a streamed answer: the whole of it)
 * @param think       whether a reasoning model may think before answering
 * @param stream      whether the answer comes as a stream of chunks
 * @param logRequests whether requests and answers are logged (debugging)
 */
public record LlmEndpoint(String url, String model, double temperature, Duration timeout, boolean think,
                          boolean stream, boolean logRequests) {

    /**
     * The endpoint a component's configuration describes, checked: a clear error naming the
     * configuration {@code pid}, the key and the value when something is wrong.
     */
    public static LlmEndpoint checked(String pid, String url, String model, double temperature, int timeoutSeconds,
                                      boolean think, boolean stream, boolean logRequests) {
        String base = url.strip();
        try {
            URI uri = URI.create(base);
            LlmProviderSupport.require(pid, uri.getScheme() != null && uri.getScheme().startsWith("http")
                    && uri.getHost() != null, "base.url", base, "an http(s) URL");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration " + pid + ": base.url '" + base + "' is not a URL", e);
        }
        LlmProviderSupport.require(pid, !model.isBlank(), "model", model, "a model name");
        LlmProviderSupport.require(pid, temperature >= 0 && temperature <= 2, "temperature", temperature,
                "between 0 and 2");
        LlmProviderSupport.require(pid, timeoutSeconds >= 1, "timeout.seconds", timeoutSeconds, "at least 1");
        return new LlmEndpoint(base, model.strip(), temperature, Duration.ofSeconds(timeoutSeconds), think, stream,
                logRequests);
    }

    /** This endpoint with another URL or model; an empty value keeps the current one. */
    public LlmEndpoint with(Optional<String> otherUrl, Optional<String> otherModel) {
        return new LlmEndpoint(otherUrl.orElse(url), otherModel.orElse(model), temperature, timeout, think, stream,
                logRequests);
    }

    /** "URL model M, temperature T, thinking off, timeout N s", for people. */
    public String describe() {
        return url + " model " + model + ", temperature " + temperature + ", thinking " + (think ? "on" : "off")
                + (stream ? ", streaming" : "") + ", timeout " + timeout.toSeconds() + " s";
    }
}
