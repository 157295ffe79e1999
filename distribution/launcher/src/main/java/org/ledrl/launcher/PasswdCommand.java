package org.ledrl.launcher;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * {@code ledrl passwd}: asks for the Web Console password and stores it in
 * {@code conf/org.ledrl.console.security.cfg} as a salted PBKDF2 hash,
 * {@code .password = pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64), never in plain text. It runs without
 * starting the platform; a running one applies the new file within seconds. The file is written atomically and
 * private to its owner (0600), and its other lines are kept.
 */
final class PasswdCommand {

    static final String COMMAND = "passwd";
    static final String FILE = "org.ledrl.console.security.cfg";
    static final String PREFIX = "pbkdf2-sha256";
    /** The OWASP recommendation for PBKDF2-HMAC-SHA256 (2023). */
    static final int ITERATIONS = 600_000;
    static final int MIN_LENGTH = 12;

    private final Path conf;
    private final Console console;
    private final InputStream in;
    private final PrintStream out;
    private final int iterations;

    PasswdCommand(Path conf, Console console, InputStream in, PrintStream out, int iterations) {
        this.conf = conf;
        this.console = console;
        this.in = in;
        this.out = out;
        this.iterations = iterations;
    }

    int run(List<String> args) throws LaunchException {
        if (args.size() > 1) {
            throw LaunchException.usage("passwd takes no arguments: it asks for the password (or reads one line from "
                    + "standard input when there is no terminal)");
        }
        String password = readPassword();
        if (password.length() < MIN_LENGTH) {
            throw LaunchException.of("the password must have at least " + MIN_LENGTH + " characters; nothing changed");
        }
        Path file = conf.resolve(FILE);
        write(file, hash(password.toCharArray(), iterations, new SecureRandom()));
        out.println("Stored a salted hash of the Web Console password in conf/" + FILE
                + " (readable by its owner only); a running platform applies it within seconds.");
        return 0;
    }

    private String readPassword() throws LaunchException {
        if (console != null) {
            char[] first = console.readPassword("New Web Console password: ");
            char[] second = console.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw LaunchException.of("the two passwords differ; nothing changed");
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw LaunchException.of("no password on standard input; nothing changed");
            }
            return line;
        } catch (IOException e) {
            throw LaunchException.of("cannot read the password from standard input: " + e.getMessage(), e);
        }
    }

    /** {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, with a random 16-byte salt and a 32-byte hash. */
    static String hash(char[] password, int iterations, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
            return PREFIX + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA256", e);
        }
    }

    /** Replaces the {@code .password} line (set or commented out) or adds one, keeping every other line. */
    static void write(Path file, String hashed) throws LaunchException {
        try {
            List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
            int set = -1;
            int commented = -1;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (set < 0 && line.matches("\\.password\\s*[=:].*")) {
                    set = i;
                } else if (commented < 0 && line.matches("#\\s*\\.password\\s*[=:].*")) {
                    commented = i;
                }
            }
            String entry = ".password = " + hashed;
            if (set >= 0 || commented >= 0) {
                lines.set(set >= 0 ? set : commented, entry);
            } else {
                lines.add(entry);
            }
            Path temporary = Files.createTempFile(file.getParent(), "." + FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(SecretFiles.PRIVATE));
            Files.write(temporary, lines);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw LaunchException.of("cannot write conf/" + FILE + ": " + e.getMessage(), e);
        }
    }
}
