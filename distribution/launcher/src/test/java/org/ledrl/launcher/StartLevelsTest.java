package org.ledrl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StartLevelsTest {

    @Test
    void exactNamesPrefixesAndDefault() throws LaunchException {
        StartLevels levels = StartLevels.from(Map.of(
                "ledrl.startlevel.1", "org.objectweb.asm*, org.apache.aries.spifly.dynamic.bundle",
                "ledrl.startlevel.2", "slf4j.*",
                "ledrl.startlevel.3", "org.apache.felix.scr, org.apache.felix.configadmin",
                "felix.startlevel.bundle", "4"));
        assertEquals(1, levels.levelOf("org.objectweb.asm.commons"));
        assertEquals(1, levels.levelOf("org.apache.aries.spifly.dynamic.bundle"));
        assertEquals(2, levels.levelOf("slf4j.simple"));
        assertEquals(3, levels.levelOf("org.apache.felix.scr"));
        assertEquals(4, levels.levelOf("org.apache.felix.scr.extra"));
        assertEquals(4, levels.levelOf("org.ledrl.sim"));
    }

    @Test
    void moreSpecificRuleWins() throws LaunchException {
        StartLevels levels = StartLevels.from(Map.of(
                "ledrl.startlevel.3", "org.apache.felix.*",
                "ledrl.startlevel.5", "org.apache.felix.webconsole*",
                "ledrl.startlevel.2", "org.apache.felix.log",
                "felix.startlevel.bundle", "4"));
        assertEquals(3, levels.levelOf("org.apache.felix.scr"));
        assertEquals(5, levels.levelOf("org.apache.felix.webconsole.plugins.ds"));
        assertEquals(2, levels.levelOf("org.apache.felix.log"));
    }

    @Test
    void badLevelIsNamed() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> StartLevels.from(Map.of("ledrl.startlevel.first", "slf4j.api")));
        assertTrue(e.getMessage().contains("ledrl.startlevel.first"), e.getMessage());
        e = assertThrows(LaunchException.class, () -> StartLevels.from(Map.of("felix.startlevel.bundle", "0")));
        assertTrue(e.getMessage().contains("felix.startlevel.bundle"), e.getMessage());
    }
}
