package org.ledrl.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.command.Arguments;

class CommandRunnerTest {

    private final TestCommand.Captured console = new TestCommand.Captured();

    @Test
    void passesTheArgumentsAndReturnsTheCommandsOwnStatus() {
        TestCommand command = TestCommand.returning("simulate", 3);

        assertEquals(3, CommandRunner.run(command, List.of("--episodes", "5"), console.context));
        assertEquals(List.of(List.of("--episodes", "5")), command.calls);
    }

    @Test
    void aUsageErrorPrintsTheMessageAndTheUsageWithStatus2() {
        TestCommand command = new TestCommand("simulate", (args, context) -> {
            Arguments.parse(args, List.of("episodes"), List.of());
            return 0;
        });

        assertEquals(2, CommandRunner.run(command, List.of("--episdoes", "5"), console.context));
        assertTrue(console.err().contains("simulate: unknown option --episdoes"), console.err());
        assertTrue(console.err().contains("Usage: ledrl simulate <thing>"), console.err());
    }

    @Test
    void anExceptionIsReportedWithStatus1() {
        TestCommand command = new TestCommand("report", (args, context) -> {
            throw new NoSuchFileException("runs/missing/metrics.csv");
        });

        assertEquals(1, CommandRunner.run(command, List.of(), console.context));
        assertTrue(console.err().contains("report failed: NoSuchFileException: runs/missing/metrics.csv"),
                console.err());
    }

    @Test
    void anUnknownCommandPointsToHelpWithStatus2() {
        assertEquals(2, CommandRunner.unknown("simulat", console.context.err()));
        assertTrue(console.err().contains("'simulat'") && console.err().contains("ledrl help"), console.err());
    }
}
