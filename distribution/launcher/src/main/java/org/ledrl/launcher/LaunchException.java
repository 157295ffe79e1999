package org.ledrl.launcher;

/**
 * The installation cannot start as asked: a missing or malformed file, an unknown profile. The
 * message names the problem (file, key, value) and is shown to the operator as is.
 */
final class LaunchException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether the operator's command line was wrong (exit status 2) rather than the installation (1). */
    private final boolean usage;

    private LaunchException(String message, boolean usage, Throwable cause) {
        super(message, cause);
        this.usage = usage;
    }

    static LaunchException of(String message) {
        return new LaunchException(message, false, null);
    }

    static LaunchException of(String message, Throwable cause) {
        return new LaunchException(message, false, cause);
    }

    static LaunchException usage(String message) {
        return new LaunchException(message, true, null);
    }

    int exitStatus() {
        return usage ? 2 : 1;
    }
}
