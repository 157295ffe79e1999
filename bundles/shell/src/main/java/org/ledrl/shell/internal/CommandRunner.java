package org.ledrl.shell.internal;

import java.io.PrintStream;
import java.util.List;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a command the same way from Gogo and from one-shot mode, turning failures into exit statuses. */
final class CommandRunner {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    private CommandRunner() {
    }

    /**
     * Runs {@code command}: its own status, or {@link #USAGE} after printing the message and the usage
     * on a usage error, or {@link #FAILURE} after printing what went wrong when it throws.
     */
    static int run(CliCommand command, List<String> args, CommandContext context) {
        PrintStream err = context.err();
        try {
            return command.run(List.copyOf(args), context);
        } catch (Arguments.UsageException e) {
            err.println(command.name() + ": " + e.getMessage());
            err.println(command.usage());
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(command.name() + ": interrupted");
            return FAILURE;
        } catch (Exception | LinkageError e) {
            // LinkageError: the command's bundle went away while it ran
            err.println(command.name() + " failed: " + describe(e));
            LOG.error("Command '{}' failed with arguments {}", command.name(), args, e);
            return FAILURE;
        } finally {
            context.out().flush();
            err.flush();
        }
    }

    /** Prints that {@code name} is not a command, pointing to help. */
    static int unknown(String name, PrintStream err) {
        err.println("Unknown command '" + name + "'. 'ledrl help' lists the commands.");
        return USAGE;
    }

    /** The message; with the exception's type unless it is a plain runtime error (an I/O message is often just a path). */
    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getName();
        }
        return e instanceof RuntimeException ? message : e.getClass().getSimpleName() + ": " + message;
    }
}
