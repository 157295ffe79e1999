package org.ledrl.shell.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The framework properties the launcher sets for the shell (the launcher/shell contract): where the
 * installation is, whether a person is at a terminal, and in one-shot mode the command line to run.
 *
 * @param home        the installation folder ({@code ledrl.home}); the working directory when unset
 * @param terminal    whether a person is at a terminal ({@code ledrl.terminal})
 * @param commandLine the command name and its arguments ({@code ledrl.command.args}), empty when the
 *                    platform runs as a service or console
 */
record LaunchSettings(Path home, boolean terminal, Optional<List<String>> commandLine) {

    static final String HOME = "ledrl.home";
    static final String TERMINAL = "ledrl.terminal";
    static final String COMMAND_ARGS = "ledrl.command.args";
    /** Service property that marks the launcher's {@code IntConsumer} taking the one-shot exit status. */
    static final String EXIT = "ledrl.exit";
    /** Joins the command name and arguments in {@link #COMMAND_ARGS}: U+001F, the unit separator. */
    static final String SEPARATOR = "\u001f";

    /** Reads the settings through {@code property} (e.g. {@code BundleContext::getProperty}). */
    static LaunchSettings from(UnaryOperator<String> property) {
        String home = property.apply(HOME);
        String args = property.apply(COMMAND_ARGS);
        return new LaunchSettings(
                home == null || home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home),
                Boolean.parseBoolean(property.apply(TERMINAL)),
                Optional.ofNullable(args).map(a -> a.isEmpty() ? List.of() : Arrays.asList(a.split(SEPARATOR, -1))));
    }
}
