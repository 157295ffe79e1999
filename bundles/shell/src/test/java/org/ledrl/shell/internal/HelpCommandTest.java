package org.ledrl.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.command.Arguments;

class HelpCommandTest {

    private final HelpCommand help = new HelpCommand();
    private final TestCommand.Captured console = new TestCommand.Captured();

    @Test
    void listsEveryCommandWithItsSummarySortedByName() throws Exception {
        help.addCommand(TestCommand.returning("train", 0), TestCommand.service(1, 0));
        help.addCommand(TestCommand.returning("experiment", 0), TestCommand.service(2, 0));

        assertEquals(0, help.run(List.of(), console.context));

        List<String> lines = console.out().lines().toList();
        assertEquals("  experiment  summary of experiment", lines.get(1));
        assertEquals("  help        list the commands, or show how to use one", lines.get(2));
        assertEquals("  train       summary of train", lines.get(3));
    }

    @Test
    void showsTheUsageOfOneCommand() throws Exception {
        help.addCommand(TestCommand.returning("train", 0), TestCommand.service(1, 0));

        assertEquals(0, help.run(List.of("train"), console.context));
        assertTrue(console.out().contains("Usage: ledrl train <thing>"), console.out());
    }

    @Test
    void aRemovedCommandIsNoLongerListed() throws Exception {
        help.addCommand(TestCommand.returning("train", 0), TestCommand.service(1, 0));
        help.removeCommand(TestCommand.returning("train", 0), TestCommand.service(1, 0));

        assertEquals(2, help.run(List.of("train"), console.context));
        assertTrue(console.err().contains("Unknown command 'train'"), console.err());
    }

    @Test
    void moreThanOneNameIsAUsageError() {
        assertThrows(Arguments.UsageException.class, () -> help.run(List.of("a", "b"), console.context));
    }
}
