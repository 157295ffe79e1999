package org.ledrl.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of {@code bin/ledrl}: launcher options first ({@code --profile NAME}), then an
 * optional command and its arguments. No command means "start the platform and stay up".
 * Everything after the command name belongs to the command, even words that look like options.
 */
record CommandLine(Optional<String> profile, List<String> command) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: ledrl [--profile edge|server] [<command> [options]]",
            "  without a command the platform starts and stays up (Gogo shell on a terminal, headless otherwise);",
            "  with one it runs that command and exits with its status. 'ledrl help' lists the commands.");

    static CommandLine parse(String... args) throws LaunchException {
        Optional<String> profile = Optional.empty();
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            String arg = args[i];
            if (arg.equals("--profile")) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    throw LaunchException.usage("option --profile needs a value (edge or server)");
                }
                profile = Optional.of(args[i + 1].trim());
                i += 2;
            } else if (arg.startsWith("--profile=")) {
                String value = arg.substring("--profile=".length()).trim();
                if (value.isEmpty()) {
                    throw LaunchException.usage("option --profile needs a value (edge or server)");
                }
                profile = Optional.of(value);
                i++;
            } else if (arg.equals("--help")) {
                // the usual reflex: the help command lists the commands
                return new CommandLine(profile, List.of("help"));
            } else {
                throw LaunchException.usage("unknown launcher option " + arg);
            }
        }
        List<String> command = new ArrayList<>();
        for (; i < args.length; i++) {
            command.add(args[i]);
        }
        return new CommandLine(profile, List.copyOf(command));
    }

    boolean oneShot() {
        return !command.isEmpty();
    }
}
