package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private copy of the built installation for one test, so that tests share no {@code conf/},
 * {@code deploy/} or {@code data/}. {@code bin/}, {@code conf/} and {@code deploy/} are copied;
 * {@code bundle/} and {@code lib/} are read-only at run time and hold some 200 MB (the PyTorch
 * natives), so the copy links to them instead.
 */
final class Installation {

    /** Where the distribution module laid out the installation (set by failsafe). */
    static final String LOCATION_PROPERTY = "ledrl.installation";

    /** Variables of the test's own environment that would change what bin/ledrl does. */
    private static final List<String> LEDRL_VARIABLES =
            List.of("LEDRL_PROFILE", "LEDRL_CONSOLE_PASSWORD", "LEDRL_LOG_LEVEL", "LEDRL_JAVA_OPTS", "LEDRL_CDS");

    private final Path home;

    private Installation(Path home) {
        this.home = home;
    }

    /** Copies the built installation into {@code folder}/ledrl. */
    static Installation copyInto(Path folder) throws IOException {
        Path built = built();
        Path home = Files.createDirectories(folder.resolve("ledrl"));
        for (String copied : List.of("bin", "conf", "deploy")) {
            copyTree(built.resolve(copied), home.resolve(copied));
        }
        for (String linked : List.of("bundle", "lib")) {
            Files.createSymbolicLink(home.resolve(linked), built.resolve(linked).toRealPath());
        }
        return new Installation(home);
    }

    private static Path built() {
        String location = System.getProperty(LOCATION_PROPERTY, "");
        if (location.isBlank()) {
            fail("system property " + LOCATION_PROPERTY + " is not set: run these tests with failsafe "
                    + "(./mvnw verify), which points it at distribution/target/ledrl");
        }
        Path built = Path.of(location).toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(built.resolve("bin/ledrl")),
                () -> "no built installation at " + built + " (bin/ledrl missing): build the distribution module first");
        return built;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    Path home() {
        return home;
    }

    Path conf() {
        return home.resolve("conf");
    }

    Path deploy() {
        return home.resolve("deploy");
    }

    /** The jar files of every feature of a profile, as conf/config.properties and bundle/features define it. */
    List<String> bundlesOf(String profile) throws IOException {
        String definition = property("ledrl.profile." + profile);
        return Stream.of(definition.split(","))
                .map(String::trim)
                .flatMap(feature -> lines(home.resolve("bundle/features/" + feature + ".list")))
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .distinct()
                .toList();
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a simple {@code key = value} line in conf/config.properties. */
    String property(String key) throws IOException {
        Matcher m = propertyLine(key).matcher(Files.readString(conf().resolve("config.properties")));
        assertTrue(m.find(), () -> "conf/config.properties has no line '" + key + " = ...'");
        return m.group(2).trim();
    }

    /** Replaces the value of an existing line in conf/config.properties; fails when there is none. */
    void setProperty(String key, String value) throws IOException {
        Path file = conf().resolve("config.properties");
        String text = Files.readString(file);
        Matcher m = propertyLine(key).matcher(text);
        assertTrue(m.find(), () -> "conf/config.properties has no line '" + key + " = ...' to change");
        Files.writeString(file, m.replaceFirst(Matcher.quoteReplacement(m.group(1) + value)));
    }

    private static Pattern propertyLine(String key) {
        return Pattern.compile("(?m)^(\\s*" + Pattern.quote(key) + "\\s*[=:]\\s*)(.*)$");
    }

    /**
     * Writes a file atomically (a temporary name FileInstall ignores, then a move), so that the
     * platform never reads half of it.
     */
    void writeAtomically(Path file, byte[] content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, content);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts {@code bin/ledrl args...} with no terminal and none of the test's LEDRL_* variables. */
    LedrlProcess start(Map<String, String> environment, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(home.toFile());
        LEDRL_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return new LedrlProcess(String.join(" ", command(args)), builder.start());
    }

    LedrlProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** Runs a one-shot command to its end, within {@code deadline}, with {@code input} on its standard input. */
    LedrlProcess.Result runWithInput(Duration deadline, String input, String... args) throws IOException {
        Path stdin = Files.createTempFile("ledrl-e2e-stdin", ".txt");
        try {
            Files.writeString(stdin, input);
            ProcessBuilder builder = new ProcessBuilder(command(args)).directory(home.toFile());
            LEDRL_VARIABLES.forEach(builder.environment()::remove);
            builder.redirectInput(stdin.toFile());
            try (LedrlProcess process = new LedrlProcess(String.join(" ", command(args)), builder.start())) {
                return process.awaitExit(deadline);
            }
        } finally {
            Files.deleteIfExists(stdin);
        }
    }

    /** Runs a one-shot command to its end, within {@code deadline}. */
    LedrlProcess.Result run(Duration deadline, String... args) throws IOException {
        try (LedrlProcess process = start(args)) {
            return process.awaitExit(deadline);
        }
    }

    private List<String> command(String... args) {
        return Stream.concat(Stream.of(home.resolve("bin/ledrl").toString()), Stream.of(args)).toList();
    }
}
