package org.ledrl.api.command;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where a command runs: its output streams, whether a person is watching a terminal (progress bars
 * then, plain log lines otherwise), and the installation's home folder (for {@code conf/}).
 */
public record CommandContext(PrintStream out, PrintStream err, boolean terminal, Path home) {
}
