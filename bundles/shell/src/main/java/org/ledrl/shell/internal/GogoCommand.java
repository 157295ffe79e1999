package org.ledrl.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;

/**
 * The Gogo command {@code ledrl:<name>}. Gogo calls a {@link Function} service directly with the
 * words of the command line, so one instance per name serves any command without a method of that
 * name. It looks the command up at each call, so a replaced command service is picked up.
 */
final class GogoCommand implements Function {

    private final String name;
    private final CommandIndex commands;
    private final LaunchSettings settings;

    GogoCommand(String name, CommandIndex commands, LaunchSettings settings) {
        this.name = name;
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        // Gogo redirects System.out and System.err of the session's thread to the session
        CommandContext context = new CommandContext(System.out, System.err, settings.terminal(), settings.home());
        Optional<CliCommand> command = commands.find(name);
        int status = command.isPresent() ? CommandRunner.run(command.get(), words(arguments), context)
                : CommandRunner.unknown(name, context.err());
        if (status != CommandRunner.OK) {
            // an exception is how Gogo reports a failed command (and sets $exception for scripts)
            throw new IllegalStateException("ledrl:" + name + " exited with status " + status);
        }
        return null;
    }

    private static List<String> words(List<Object> arguments) {
        List<String> words = new ArrayList<>(arguments.size());
        for (Object argument : arguments) {
            words.add(String.valueOf(argument));
        }
        return words;
    }
}
