package org.ledrl.e2e.probe;

/** A Declarative Services component whose activation fails: a test fixture, never shipped. */
public final class FailingComponent {

    public static final String MESSAGE = "e2e component cannot activate: its setting 'threshold' is out of range";

    public void activate() {
        throw new IllegalArgumentException(MESSAGE);
    }
}
