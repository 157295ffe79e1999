package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The machine the tests run on, for the tests that install system packages: running a system
 * command to its end, and whether the tests may change the system at all (root, with dpkg).
 */
final class Host {

    private static final Duration COMMAND_DEADLINE = Duration.ofMinutes(5);

    private Host() {
    }

    /** True when this process runs as root (uid 0). */
    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static boolean has(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /** Starts a command with stdin from /dev/null and extra environment variables. */
    static LedrlProcess start(Map<String, String> environment, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return new LedrlProcess(String.join(" ", command), builder.start());
    }

    /** Runs a command to its end. */
    static LedrlProcess.Result run(String... command) throws IOException {
        try (LedrlProcess process = start(Map.of("DEBIAN_FRONTEND", "noninteractive"), List.of(command))) {
            return process.awaitExit(COMMAND_DEADLINE);
        }
    }

    /** Runs a command that must succeed, and returns what it printed on standard output. */
    static String ok(String... command) throws IOException {
        LedrlProcess.Result result = run(command);
        assertEquals(0, result.exitStatus(), () -> String.join(" ", command) + " failed:\n" + result.describe());
        return result.stdout();
    }
}
