package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ledrl's class data sharing archive (data/cds): the first run writes it, the next one checks it, puts it in
 * place and maps the launcher's classes from it, as later runs do; an archive cut short is deleted instead of crashing the JVM;
 * LEDRL_CDS=off writes none.
 */
class ClassDataSharingIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /** How -Xlog:class+load names a class mapped from the archive written at exit. */
    private static final String FROM_ARCHIVE = "org.ledrl.launcher.Main source: shared objects file (top)";

    @TempDir
    Path folder;

    private Installation installation;
    private Path cds;

    @BeforeEach
    void copy() throws IOException {
        installation = Installation.copyInto(folder);
        cds = installation.home().resolve("data/cds");
    }

    @Test
    void theFirstRunWritesTheArchiveAndLaterRunsMapIt() throws Exception {
        help(Map.of());
        List<Path> written = files();
        assertEquals(1, written.size(), written::toString);
        assertTrue(written.get(0).getFileName().toString().matches("classes-\\d+-\\d+\\.jsa\\.\\d+"), written::toString);

        String mapped = help(Map.of("LEDRL_JAVA_OPTS", "-Xlog:class+load")).stdout();

        assertTrue(mapped.contains(FROM_ARCHIVE), "no launcher class came from the archive");
        List<Path> kept = files();
        assertEquals(1, kept.size(), kept::toString);
        assertTrue(kept.get(0).getFileName().toString().matches("classes-\\d+-\\d+\\.jsa"), kept::toString);
    }

    @Test
    void anArchiveCutShortIsDeletedAndTheRunGoesOn() throws Exception {
        help(Map.of());
        Path partial = files().get(0);
        byte[] whole = Files.readAllBytes(partial);
        Files.delete(partial);
        String name = partial.getFileName().toString();
        // as a JVM killed while writing leaves it: a process id that no longer runs, half the bytes
        Path cut = cds.resolve(name.substring(0, name.lastIndexOf('.')) + ".999999999");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));

        LedrlProcess.Result after = help(Map.of("LEDRL_JAVA_OPTS", "-Xlog:class+load"));

        assertFalse(after.stdout().contains(FROM_ARCHIVE), after.describe());
        assertFalse(Files.exists(cut), "the archive cut short is still there");
        try (Stream<Path> dir = Files.list(installation.home())) {
            assertTrue(dir.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")), "a JVM crash report");
        }
    }

    @Test
    void offWritesNoArchive() throws Exception {
        help(Map.of("LEDRL_CDS", "off"));
        help(Map.of("LEDRL_CDS", "off"));

        assertTrue(files().isEmpty(), () -> files().toString());
    }

    private LedrlProcess.Result help(Map<String, String> environment) throws Exception {
        LedrlProcess.Result result;
        try (LedrlProcess run = installation.start(environment, "help")) {
            result = run.awaitExit(DEADLINE);
        }
        assertEquals(0, result.exitStatus(), result::describe);
        assertTrue(result.stdout().contains("simulate"), result.describe());
        return result;
    }

    private List<Path> files() {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> dir = Files.list(cds)) {
            return dir.sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
