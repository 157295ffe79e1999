package org.ledrl.telemetry;

/**
 * Telemetry input that cannot be used: a truncated tegrastats line, a JSON payload of the wrong
 * shape, a NaN where a number must be. Parsers throw it; adapters hand it to a {@link RejectLog}.
 * The {@link #kind()} groups rejects for counting and for logging once, so it must be a short
 * fixed phrase (such as {@code "unterminated CPU list"}), never the offending value; the message
 * names the value.
 */
public class MalformedTelemetryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String kind;

    public MalformedTelemetryException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** The class of problem, the same for every input that fails the same way. */
    public String kind() {
        return kind;
    }
}
