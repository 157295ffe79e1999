package org.ledrl.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GogoCommandTest {

    private final CommandIndex index = new CommandIndex();
    private final LaunchSettings settings = new LaunchSettings(Path.of("home"), false, Optional.empty());

    @Test
    void passesGogoArgumentsAsStringsAndReturnsNothingOnSuccess() throws Exception {
        TestCommand command = TestCommand.returning("simulate", 0);
        index.add(command, TestCommand.service(1, 0));

        assertNull(new GogoCommand("simulate", index, settings).execute(null, List.of("--episodes", 5L)));
        assertEquals(List.of(List.of("--episodes", "5")), command.calls);
    }

    @Test
    void aNonZeroStatusIsReportedAsAFailure() {
        index.add(TestCommand.returning("train", 1), TestCommand.service(1, 0));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new GogoCommand("train", index, settings).execute(null, List.of()));
        assertTrue(failure.getMessage().contains("ledrl:train exited with status 1"), failure.getMessage());
    }

    @Test
    void aCommandThatWentAwayIsReportedAsUnknown() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new GogoCommand("gone", index, settings).execute(null, List.of()));
        assertTrue(failure.getMessage().contains("status 2"), failure.getMessage());
    }
}
