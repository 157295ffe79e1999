package org.example.ledrl.advisor;

/** An answer of the advice service that cannot become a prior: the reason (a fixed word) and the detail. */
final class Refused extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    Refused(String reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
