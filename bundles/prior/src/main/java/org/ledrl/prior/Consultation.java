package org.ledrl.prior;

import java.util.List;
import org.ledrl.api.model.StrategyPrior;

/**
 * Everything that happened when a provider was asked once: the prompt, each attempt with the raw
 * answer and its verdict, the prior it settled on and where that prior came from, and the time it
 * took. The {@code prior} command prints it; the board only uses {@link #prior()}.
 *
 * @param prompt      the rendered prompt
 * @param attempts    one per request to the server (two when the first answer was rejected and retried)
 * @param prior       the result: the LLM's prior, or the fallback
 * @param source      where {@code prior} came from
 * @param elapsedNanos wall time of the whole consultation
 */
public record Consultation(Prompt prompt, List<Attempt> attempts, StrategyPrior prior, Source source,
                           long elapsedNanos) {

    public Consultation {
        attempts = List.copyOf(attempts);
    }

    /** Where a consultation's prior came from. */
    public enum Source {
        /** The LLM's answer, first try or after the retry. */
        LLM,
        /** Both attempts failed: the last valid prior of this node, still young enough. */
        LAST_VALID,
        /** Both attempts failed and there was no recent valid prior: the deterministic fallback (the heuristic). */
        FALLBACK,
        /** The provider needs no LLM (the heuristic itself). */
        COMPUTED
    }

    /**
     * One request to the server.
     *
     * @param request the last user message sent (the prompt, or the retry message)
     * @param answer  the raw answer, empty when there was none
     * @param verdict accepted, or why not
     * @param nanos   how long the server took
     */
    public record Attempt(String request, String answer, Verdict verdict, long nanos) {
    }
}
