package org.ledrl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void noArgumentStaysUp() throws LaunchException {
        CommandLine cl = CommandLine.parse();
        assertFalse(cl.oneShot());
        assertEquals(Optional.empty(), cl.profile());
    }

    @Test
    void profileBeforeTheCommand() throws LaunchException {
        CommandLine cl = CommandLine.parse("--profile", "server", "run", "--seed", "7");
        assertEquals(Optional.of("server"), cl.profile());
        assertEquals(List.of("run", "--seed", "7"), cl.command());
        assertTrue(cl.oneShot());
    }

    @Test
    void profileWithEqualsSign() throws LaunchException {
        assertEquals(Optional.of("edge"), CommandLine.parse("--profile=edge").profile());
    }

    @Test
    void optionsAfterTheCommandBelongToIt() throws LaunchException {
        CommandLine cl = CommandLine.parse("help", "--profile", "x");
        assertEquals(Optional.empty(), cl.profile());
        assertEquals(List.of("help", "--profile", "x"), cl.command());
    }

    @Test
    void helpOptionRunsTheHelpCommand() throws LaunchException {
        assertEquals(List.of("help"), CommandLine.parse("--help").command());
    }

    @Test
    void unknownLauncherOptionIsAUsageError() {
        LaunchException e = assertThrows(LaunchException.class, () -> CommandLine.parse("--verbose", "help"));
        assertTrue(e.getMessage().contains("--verbose"), e.getMessage());
        assertEquals(2, e.exitStatus());
    }

    @Test
    void profileWithoutValueIsAUsageError() {
        assertEquals(2, assertThrows(LaunchException.class, () -> CommandLine.parse("--profile")).exitStatus());
        assertEquals(2, assertThrows(LaunchException.class, () -> CommandLine.parse("--profile=")).exitStatus());
    }
}
