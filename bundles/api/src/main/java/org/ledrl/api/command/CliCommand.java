package org.ledrl.api.command;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A command of the platform, run as {@code bin/ledrl <name> [args]} or as the Gogo command
 * {@code ledrl:<name> [args]}. Bundles register it as a service; the shell bundle exposes it.
 */
@ConsumerType
public interface CliCommand {

    String name();

    /** One line for {@code ledrl help}. */
    String summary();

    /** Usage text shown by {@code ledrl help <name>} and on a usage error. */
    String usage();

    /** Runs the command; the return value is the exit status (0 for success, 2 for a usage error). */
    int run(List<String> args, CommandContext context) throws Exception;
}
