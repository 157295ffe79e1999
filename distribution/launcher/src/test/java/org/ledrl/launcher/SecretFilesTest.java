package org.ledrl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path conf;

    private Path file(String name, String text, String permissions) throws IOException {
        Path file = conf.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void aReadableFileWithASecretIsNamedWithItsKeysAndTheFix() throws IOException {
        file("org.ledrl.rest.cfg", "port = 8081\n.token = 0123456789abcdef\n", "rw-r--r--");

        List<String> warnings = SecretFiles.warnings(conf);

        assertEquals(List.of("conf/org.ledrl.rest.cfg holds a secret (.token) and other users can read it "
                + "(rw-r--r--); make it private: chmod 600 conf/org.ledrl.rest.cfg"), warnings);
    }

    @Test
    void privateFilesFilesWithoutSecretsAndCommentedSecretsAreFine() throws IOException {
        file("org.ledrl.rest.cfg", ".token = 0123456789abcdef\n", "rw-------");
        file("org.ledrl.live.cfg", "node = 1\n", "rw-r--r--");
        file("org.ledrl.console.security.cfg", "username = admin\n#.password = choose\n.password =\n", "rw-rw-r--");
        file("notes.txt", ".password = x\n", "rw-r--r--");

        assertTrue(SecretFiles.warnings(conf).isEmpty(), SecretFiles.warnings(conf).toString());
    }

    @Test
    void typedConfigFilesAndGroupAccessCountToo() throws IOException {
        file("org.ledrl.prior.openai.config", ".apiKey=\"sk-123\"\nmodel=\"x\"\n", "rw-r-----");

        assertEquals(1, SecretFiles.warnings(conf).size());
        assertTrue(SecretFiles.warnings(conf).get(0).contains("(.apiKey)"));
    }
}
