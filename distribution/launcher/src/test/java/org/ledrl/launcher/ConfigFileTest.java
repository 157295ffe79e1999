package org.ledrl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("config.properties"), text);
    }

    @Test
    void resolvesReferencesToOtherKeysAndOutsideValues() throws Exception {
        Path file = write("data = ${ledrl.home}/data\ncache = ${data}/cache\nplain = value \n");
        Map<String, String> values = ConfigFile.load(file, name -> name.equals("ledrl.home") ? "/opt/ledrl" : null);
        assertEquals("/opt/ledrl/data/cache", values.get("cache"));
        assertEquals("value", values.get("plain"));
    }

    @Test
    void unknownReferenceNamesFileKeyAndReference() throws Exception {
        Path file = write("cache = ${nowhere}/cache\n");
        LaunchException e = assertThrows(LaunchException.class, () -> ConfigFile.load(file, name -> null));
        assertTrue(e.getMessage().contains("config.properties"), e.getMessage());
        assertTrue(e.getMessage().contains("cache"), e.getMessage());
        assertTrue(e.getMessage().contains("${nowhere}"), e.getMessage());
    }

    @Test
    void selfReferenceIsAnErrorNotAStackOverflow() throws Exception {
        Path file = write("a = ${b}\nb = ${a}\n");
        LaunchException e = assertThrows(LaunchException.class, () -> ConfigFile.load(file, name -> null));
        assertTrue(e.getMessage().contains("refers to itself"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent.properties");
        LaunchException e = assertThrows(LaunchException.class, () -> ConfigFile.load(file, name -> null));
        assertTrue(e.getMessage().contains("absent.properties"), e.getMessage());
    }

    @Test
    void regexCharactersInValuesSurvive() throws Exception {
        Path file = write("filter = .*\\\\.(jar|cfg)\ndir = ${home}$1\n");
        Map<String, String> values = ConfigFile.load(file, name -> "/h");
        assertEquals(".*\\.(jar|cfg)", values.get("filter"));
        assertEquals("/h$1", values.get("dir"));
    }
}
