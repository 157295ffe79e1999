package org.ledrl.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.health.PlatformProblem;

class StatusCommandTest {

    @Test
    void withoutTheLiveRuntimeItListsTheProblemsAndFails() throws Exception {
        List<PlatformProblem> problems = List.of(
                new PlatformProblem("component failed", "org.ledrl.live", "links: link '0-1:25,0-2:25' is not a-b:rateMBps"),
                new PlatformProblem("component unsatisfied", "org.ledrl.rest", "needs org.ledrl.live"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int status = new StatusCommand(null, () -> problems).run(List.of(), new CommandContext(out, out, false, Path.of("")));

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, text);
        assertTrue(text.contains("Problems (2):"), text);
        assertTrue(text.contains("org.ledrl.live: component failed: links: link '0-1:25,0-2:25' is not a-b:rateMBps"), text);
        assertTrue(text.contains("org.ledrl.rest: component unsatisfied: needs org.ledrl.live"), text);
        assertTrue(text.contains("The live runtime is not running"), text);
    }
}
