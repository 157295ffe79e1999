package org.ledrl.emulate.internal.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of a gateway process started from this installation, sharing nothing that it writes: its own
 * {@code bin/ledrl} (a copy, so that the script takes this folder as the installation), {@code lib/} linked,
 * {@code bundle/} with the jars linked and the feature lists copied (less the bundles a caller leaves out), the
 * installation's framework and logging settings in a {@code conf/} of its own, and empty {@code deploy/} and
 * {@code data/} (made at start). The caller writes the component configurations into {@code conf/}.
 */
public final class InstallationCopy {

    /** The files of {@code conf/} every gateway takes from the installation. */
    public static final List<String> FRAMEWORK_FILES = List.of("config.properties", "system.properties",
            "logging.properties");

    private InstallationCopy() {
    }

    /** Makes (or remakes) {@code home} from {@code installation}, leaving out bundles whose jar names start so. */
    public static Path create(Path home, Path installation, List<String> leftOut) throws IOException {
        Files.createDirectories(home);
        Path install = installation.toRealPath();
        Files.createDirectories(home.resolve("bin"));
        Files.copy(install.resolve("bin/ledrl"), home.resolve("bin/ledrl"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        link(home.resolve("lib"), install.resolve("lib").toRealPath());
        Path bundles = Files.createDirectories(home.resolve("bundle/features"));
        try (Stream<Path> jars = Files.list(install.resolve("bundle"))) {
            for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                link(home.resolve("bundle").resolve(jar.getFileName().toString()), jar.toRealPath());
            }
        }
        try (Stream<Path> lists = Files.list(install.resolve("bundle/features"))) {
            for (Path list : (Iterable<Path>) lists::iterator) {
                List<String> kept = new ArrayList<>();
                for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    if (leftOut.stream().noneMatch(line::startsWith)) {
                        kept.add(line);
                    }
                }
                Files.write(bundles.resolve(list.getFileName().toString()), kept, StandardCharsets.UTF_8);
            }
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        for (String file : FRAMEWORK_FILES) {
            Path source = install.resolve("conf").resolve(file);
            if (Files.isRegularFile(source)) {
                Files.copy(source, conf.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createDirectories(home.resolve("deploy"));
        return home;
    }

    /** Replaces a file the way an operator's editor should: a temporary name File Install ignores, then a move. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }
}
