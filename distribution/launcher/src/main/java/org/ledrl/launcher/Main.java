package org.ledrl.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The entry point of {@code bin/ledrl}. The installation folder comes from the system property
 * {@code ledrl.home} (set by the script), or else is the parent of the {@code lib/} folder that
 * holds this class.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status;
        try {
            CommandLine commandLine = CommandLine.parse(args);
            if (commandLine.command().size() > 0 && commandLine.command().get(0).equals(PasswdCommand.COMMAND)) {
                // needs no platform: it writes one configuration file
                status = new PasswdCommand(home().resolve("conf"), System.console(), System.in, System.out,
                        PasswdCommand.ITERATIONS).run(commandLine.command());
            } else {
                Launcher launcher = new Launcher(home(), commandLine, System.getenv(), System.console() != null,
                        System.out, System.err);
                status = launcher.run();
            }
        } catch (LaunchException e) {
            System.err.println("ledrl: " + e.getMessage());
            if (e.exitStatus() == 2) {
                System.err.println(CommandLine.USAGE);
            }
            status = e.exitStatus();
        }
        System.out.flush();
        System.exit(status);
    }

    private static Path home() throws LaunchException {
        String configured = System.getProperty(Launcher.HOME);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw LaunchException.of("cannot tell the installation folder: set -D" + Launcher.HOME, e);
        }
    }
}
