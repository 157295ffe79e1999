package org.ledrl.emulate.internal.fault;

/** A {@code --fault} spec that cannot be read; the message names the spec and says what is wrong. */
public final class FaultSpecException extends Exception {

    private static final long serialVersionUID = 1L;

    public FaultSpecException(String message) {
        super(message);
    }
}
