package org.ledrl.prior;

/**
 * Why a provider got no usable prior from its LLM: something wrong with the answer, or no answer at
 * all. Counted per reason ({@link RejectionCounts}) and logged with the detail.
 */
public enum RejectionReason {
    /** The answer is not a JSON object (prose, truncated output, an empty answer). */
    NOT_JSON,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (a string where a number belongs). */
    WRONG_TYPE,
    /** A preference names a node that is not among the candidates. */
    UNKNOWN_NODE,
    /** The same node appears twice. */
    DUPLICATE_NODE,
    /** A preference outside [0,1] or a strategy that does not exist. */
    OUT_OF_RANGE,
    /** The server did not answer within the timeout. */
    TIMEOUT,
    /** The server could not be reached (connection refused, unknown host). */
    UNREACHABLE,
    /** The server does not have the model (e.g. not pulled into Ollama). */
    MODEL_NOT_FOUND,
    /** The server answered with an HTTP error. */
    SERVER_ERROR,
    /** Replaying recorded answers, and this prompt was never recorded. */
    NOT_RECORDED;

    /** True for a problem with the answer's content, the kind a retry with the error fed back can fix. */
    public boolean isAnswerProblem() {
        return ordinal() <= OUT_OF_RANGE.ordinal();
    }
}
