package org.ledrl.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The last version of each plugin of {@code deploy/} that ran without a problem, kept in
 * {@code data/plugins/last-good/}, and the roll-back: the kept copy is put back into {@code deploy/}
 * (written beside it, then moved over it in one step), so that File Install updates and refreshes the
 * bundle with the framework's own update, and the refused file is kept in {@code data/plugins/refused/}
 * for the operator. One copy a file in {@code deploy/}: bounded by that folder.
 */
final class LastGoodPlugins {

    private final Path lastGood;
    private final Path refused;
    /** The modification time of the deploy/ file each kept copy was taken from. */
    private final Map<String, FileTime> keptFrom = new HashMap<>();

    LastGoodPlugins(Path data) {
        this.lastGood = data.resolve("plugins/last-good");
        this.refused = data.resolve("plugins/refused");
    }

    /** Keeps this file as its last good version, unless the same version is kept already. */
    void remember(Path file, FileTime modified) throws IOException {
        String name = file.getFileName().toString();
        if (modified.equals(keptFrom.get(name))) {
            return;
        }
        Path copy = lastGood.resolve(name);
        if (!Files.exists(copy) || !sameContent(file, copy)) {
            Files.createDirectories(lastGood);
            Path partial = lastGood.resolve(name + ".partial");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        keptFrom.put(name, modified);
    }

    /** Whether a previous version, different from this file, is kept. */
    boolean hasPrevious(Path file) throws IOException {
        Path copy = lastGood.resolve(file.getFileName().toString());
        return Files.isRegularFile(copy) && !sameContent(file, copy);
    }

    /** Moves the refused file aside and puts the previous version back in its place; returns where the refused went. */
    Path rollBack(Path file) throws IOException {
        String name = file.getFileName().toString();
        Files.createDirectories(refused);
        Path kept = refused.resolve(name);
        Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
        // a name File Install ignores (it takes *.jar), then one atomic move over the refused file
        Path partial = file.resolveSibling(name + ".rollback");
        Files.copy(lastGood.resolve(name), partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        keptFrom.put(name, Files.getLastModifiedTime(file));
        return kept;
    }

    /** Forgets the kept copies of files no longer in deploy/: a file dropped again starts afresh. */
    void retain(Collection<String> present) throws IOException {
        keptFrom.keySet().retainAll(present);
        if (Files.isDirectory(lastGood)) {
            try (Stream<Path> copies = Files.list(lastGood)) {
                for (Path copy : (Iterable<Path>) copies::iterator) {
                    if (!present.contains(copy.getFileName().toString())) {
                        Files.deleteIfExists(copy);
                    }
                }
            }
        }
    }

    private static boolean sameContent(Path a, Path b) throws IOException {
        return Files.size(a) == Files.size(b) && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
