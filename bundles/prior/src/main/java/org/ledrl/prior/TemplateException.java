package org.ledrl.prior;

/** A prompt template that cannot be read or rendered; the message names the file, the line and the problem. */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
