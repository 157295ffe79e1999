package org.ledrl.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ledrl.api.command.CliCommand;

class CommandIndexTest {

    private final CommandIndex index = new CommandIndex();

    @Test
    void listsOneCommandPerNameSortedAndTheBestRankedWins() {
        TestCommand plain = TestCommand.returning("train", 0);
        TestCommand preferred = TestCommand.returning("train", 0);
        index.add(TestCommand.returning("simulate", 0), TestCommand.service(1, 0));
        index.add(plain, TestCommand.service(2, 0));
        index.add(preferred, TestCommand.service(3, 10));
        index.add(TestCommand.returning("help", 0), TestCommand.service(4, 0));

        assertEquals(List.of("help", "simulate", "train"), index.commands().stream().map(CliCommand::name).toList());
        assertSame(preferred, index.find("train").orElseThrow());

        assertEquals(Optional.of("train"), index.remove(TestCommand.service(3, 10)));
        assertSame(plain, index.find("train").orElseThrow());
    }

    @Test
    void awaitReturnsOnceTheCommandArrivesAndGivesUpAfterTheTimeout() throws Exception {
        CompletableFuture<Optional<CliCommand>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return index.await("late", 30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        TestCommand late = TestCommand.returning("late", 0);
        index.add(late, TestCommand.service(9, 0));

        assertSame(late, waiting.get(30, TimeUnit.SECONDS).orElseThrow());
        assertTrue(index.await("never", 1, TimeUnit.MILLISECONDS).isEmpty());
    }
}
