package org.ledrl.emulate.internal.fault;

/**
 * One fault to inject into an emulation, as {@code --fault} gives it (syntax: {@link FaultSpecs}).
 * Times are milliseconds since the emulation started generating tasks.
 *
 * @param kind      what fails
 * @param node      the gateway of a kill or a pause; -1 otherwise
 * @param a         one end of a cut link; -1 otherwise
 * @param b         the other end of a cut link; -1 otherwise
 * @param atMillis  when the fault starts
 * @param endMillis when it ends (restart, continue, broker back, link back); -1 for a kill without restart
 * @param text      the spec as given, for messages
 */
public record FaultSpec(Kind kind, int node, int a, int b, long atMillis, long endMillis, String text) {

    /** The kinds of fault. */
    public enum Kind {
        /** SIGKILL a gateway; restart it at the end, if one is given. */
        KILL,
        /** SIGSTOP a gateway, SIGCONT it at the end. */
        PAUSE,
        /** Stop the broker, start it again at the end. */
        BROKER,
        /** Drop every message on a link until the end. */
        CUT,
        /** The scenario's node-failure process decides kills and restarts. */
        NODE_FAILURES
    }

    public boolean restarts() {
        return endMillis >= 0;
    }
}
