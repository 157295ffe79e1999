package org.ledrl.experiment.internal;

import static org.ledrl.experiment.internal.TestMemories.MEMORIES;
import static org.ledrl.experiment.internal.TestPolicies.config;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ledrl.api.command.CommandContext;
import org.ledrl.experiment.internal.TestPolicies.Fastest;
import org.ledrl.experiment.internal.TestPolicies.Flaky;
import org.ledrl.experiment.internal.TestPolicies.Local;
import org.ledrl.experiment.internal.TestPolicies.Registry;
import org.junit.jupiter.api.io.TempDir;

/** An experiment command over {@link TestPolicies}, run in a temporary home with its output and errors kept. */
abstract class CommandFixture {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final ExperimentCommand command = new ExperimentCommand(new Registry(new Local(), new Fastest(),
            new Flaky(0)), MEMORIES, config(2));

    CommandContext context() {
        return new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, dir);
    }

    int run(String... args) throws Exception {
        return command.run(List.of(args), context());
    }
}
