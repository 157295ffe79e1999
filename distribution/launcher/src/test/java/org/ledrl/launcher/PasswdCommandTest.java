package org.ledrl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswdCommandTest {

    @TempDir
    Path conf;

    private int passwd(String stdin) throws LaunchException {
        return new PasswdCommand(conf, null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream()), 1_000).run(List.of("passwd"));
    }

    @Test
    void storesAPrivateSaltedHashInPlaceOfTheCommentedLineAndKeepsTheOthers() throws Exception {
        Path file = conf.resolve(PasswdCommand.FILE);
        Files.writeString(file, "# the account\nusername = ops\n#.password = choose-a-long-password\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(0, passwd("correct horse battery\n"));

        List<String> lines = Files.readAllLines(file);
        assertEquals("# the account", lines.get(0));
        assertEquals("username = ops", lines.get(1));
        assertEquals(3, lines.size(), lines.toString());
        String[] parts = lines.get(2).substring(".password = ".length()).split("\\$");
        assertEquals(List.of("pbkdf2-sha256", "1000"), List.of(parts[0], parts[1]));
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("correct horse battery".toCharArray(), salt, 1000, 256)).getEncoded();
        assertEquals(Base64.getEncoder().withoutPadding().encodeToString(expected), parts[3]);
        assertFalse(Files.readString(file).contains("correct horse"), "never the password itself");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(SecretFiles.warnings(conf).isEmpty());
    }

    @Test
    void replacesASetPasswordAndCreatesTheFileWhenMissing() throws Exception {
        assertEquals(0, passwd("first-password-here\n"));
        String first = Files.readString(conf.resolve(PasswdCommand.FILE));
        assertEquals(0, passwd("second-password-here\n"));
        String second = Files.readString(conf.resolve(PasswdCommand.FILE));

        assertEquals(1, second.lines().filter(l -> l.startsWith(".password")).count(), second);
        assertNotEquals(first, second);
    }

    @Test
    void theSaltIsRandom() {
        SecureRandom random = new SecureRandom();
        assertNotEquals(PasswdCommand.hash("same".toCharArray(), 10, random),
                PasswdCommand.hash("same".toCharArray(), 10, random));
    }

    @Test
    void aShortOrMissingPasswordChangesNothing() throws Exception {
        Path file = conf.resolve(PasswdCommand.FILE);
        Files.writeString(file, "username = admin\n");

        LaunchException tooShort = assertThrows(LaunchException.class, () -> passwd("short\n"));
        assertEquals("the password must have at least 12 characters; nothing changed", tooShort.getMessage());
        assertThrows(LaunchException.class, () -> passwd(""));
        assertEquals("username = admin\n", Files.readString(file));
    }
}
