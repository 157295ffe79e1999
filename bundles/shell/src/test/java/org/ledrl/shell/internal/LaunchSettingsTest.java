package org.ledrl.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {

    @Test
    void splitsTheCommandLineOnTheUnitSeparatorKeepingSpacesAndEmptyArguments() {
        LaunchSettings settings = LaunchSettings.from(Map.of(
                "ledrl.home", "/opt/ledrl",
                "ledrl.terminal", "true",
                "ledrl.command.args", "simulate\u001f--scenario\u001fconf/my scenario.yaml\u001f--note\u001f")::get);

        assertEquals(Path.of("/opt/ledrl"), settings.home());
        assertTrue(settings.terminal());
        assertEquals(Optional.of(List.of("simulate", "--scenario", "conf/my scenario.yaml", "--note", "")),
                settings.commandLine());
    }

    @Test
    void withoutTheLaunchersPropertiesItIsAHeadlessServiceInTheWorkingDirectory() {
        LaunchSettings settings = LaunchSettings.from(Map.<String, String>of()::get);

        assertFalse(settings.terminal());
        assertEquals(Path.of("").toAbsolutePath(), settings.home());
        assertTrue(settings.commandLine().isEmpty());
    }
}
