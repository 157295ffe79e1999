package org.ledrl.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds component configurations in {@code conf/} that hold a secret and that other users can read. A secret is a
 * private key of Config Admin, one that starts with a dot ({@code .password}, {@code .token}, {@code .apiKey}):
 * components never publish those as service properties, and the file should be as private.
 */
final class SecretFiles {

    static final Set<PosixFilePermission> PRIVATE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFiles() {
    }

    /** One warning line per secrets file that group or others can read or write, with the command that fixes it. */
    static void warnIfShared(Path conf, PrintStream err) {
        for (String warning : warnings(conf)) {
            err.println("[main] WARN org.ledrl.launcher - " + warning);
        }
    }

    static List<String> warnings(Path conf) {
        List<String> warnings = new ArrayList<>();
        try (Stream<Path> files = Files.list(conf)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!(name.endsWith(".cfg") || name.endsWith(".config")) || !Files.isRegularFile(file)) {
                    continue;
                }
                List<String> keys = secretKeys(file);
                Set<PosixFilePermission> permissions = permissions(file);
                if (keys.isEmpty() || permissions == null || permissions.stream().noneMatch(OTHERS::contains)) {
                    continue;
                }
                warnings.add("conf/" + name + " holds a secret (" + String.join(", ", keys)
                        + ") and other users can read it (" + PosixFilePermissions.toString(permissions)
                        + "); make it private: chmod 600 conf/" + name);
            }
        } catch (IOException e) {
            // conf/ missing or unreadable: the launcher's own checks report that
        }
        return warnings;
    }

    /** The private keys given a value in a .cfg ({@code .key = value}) or .config ({@code .key="value"}) file. */
    static List<String> secretKeys(Path file) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (!line.startsWith(".")) {
                continue;
            }
            int separator = indexOfSeparator(line);
            if (separator < 0) {
                continue;
            }
            String value = line.substring(separator + 1).strip();
            if (!value.isEmpty() && !value.equals("\"\"")) {
                keys.add(line.substring(0, separator).strip());
            }
        }
        return keys;
    }

    private static int indexOfSeparator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    private static Set<PosixFilePermission> permissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return null; // not a POSIX file system: nothing to say
        }
    }
}
