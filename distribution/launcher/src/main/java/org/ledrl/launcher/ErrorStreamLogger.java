package org.ledrl.launcher;

import java.io.PrintStream;
import org.apache.felix.framework.Logger;

/**
 * Felix's own messages (resolution errors, bundles that fail to start) go to standard error, so
 * that standard output carries only what a command prints and the ready line.
 */
final class ErrorStreamLogger extends Logger {

    private final PrintStream err;

    ErrorStreamLogger(PrintStream err) {
        this.err = err;
    }

    @Override
    protected void doLogOut(int level, String message, Throwable throwable) {
        String label = switch (level) {
            case LOG_ERROR -> "ERROR";
            case LOG_WARNING -> "WARN";
            case LOG_INFO -> "INFO";
            default -> "DEBUG";
        };
        synchronized (err) {
            err.println("[felix] " + label + " " + message);
            if (throwable != null) {
                throwable.printStackTrace(err);
            }
        }
    }
}
