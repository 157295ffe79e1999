package org.ledrl.reflect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.Reflection;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.model.FailureReason;
import org.ledrl.reflect.LessonRewriter;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.junit.jupiter.api.Test;

/** What {@code ledrl memory} prints. */
class MemoryCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false, Path.of("."));
    private final ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults(),
            () -> LessonRewriter.NONE);
    private final MemoryCommand command = new MemoryCommand(memory);
    private final Synthetic synthetic = new Synthetic();

    private int run(String... args) {
        return command.run(List.of(args), context);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private void fillMemory() {
        for (int i = 0; i < 3; i++) {
            memory.onEvent(Synthetic.nodeDown(7, 1 + i));
            memory.onEvent(Synthetic.linkDown(5, 3, 1 + i));
        }
        memory.onOutcome(synthetic.outcome(2, 2, FailureReason.NONE, "video", 95));
    }

    @Test
    void printsTheLessonsWithEvidenceAndAge() {
        fillMemory();
        assertEquals(0, run());
        List<String> lines = out().lines().toList();
        assertEquals("Reflective memory: 2 lessons (at most 100), 8 short-term records. Strongest lessons first;"
                + " ages on the memory's clock.", lines.get(0));
        assertEquals(List.of("SUBJECT", "RULE", "EVIDENCE", "AGE", "IN-LAST-PRIORS", "LESSON"),
                List.of(lines.get(1).split("\\s+")));
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "node:7 +failing-node +3 +1m32s +- +node 7 failed 3 times in the last 20 slots: went down 3 times")),
                out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("link:3-5 +failing-link +3 +1m32s +- +link 3-5 failed .*")),
                out());
        assertEquals(4, lines.size());
    }

    @Test
    void showsWhichNodesLastPromptsCarriedEachLesson() {
        fillMemory();
        // node 3 sees its link to 5 and node 7 as neighbours: its prompt carries both lessons; node 9 sees neither
        memory.recall(Synthetic.observation(3, 95, "video", List.of(5, 7), List.of()), 5);
        List<Reflection> nine = memory.recall(Synthetic.observation(9, 95, "video", List.of(7), List.of()), 5);
        // as data: the rule, the failures, and the time from the rule's window before the first to the recall
        assertEquals(1, nine.size());
        assertEquals(Reflection.FAILING_NODE, nine.get(0).kind());
        assertTrue(nine.get(0).isAboutNode(7));
        assertEquals(3, nine.get(0).evidence());
        assertEquals(3 * 1000.0 / nine.get(0).windowMillis(), nine.get(0).evidencePerSecond(), 1e-12);
        assertTrue(nine.get(0).windowMillis() >= 20_000 + 92_000, "window " + nine.get(0).windowMillis());
        memory.recall(Synthetic.observation(4, 95, "video", List.of(1), List.of()), 5);
        assertEquals(0, run());
        List<String> lines = out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("node:7 +failing-node +3 +\\S+ +node 3,9 +node 7 .*")),
                out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("link:3-5 +failing-link +3 +\\S+ +node 3 +link 3-5 .*")),
                out());
        out.reset();
        memory.clear();
        assertEquals(Map.of(), memory.lastRecalls(), "clear forgets the recalls too");
    }

    @Test
    void filtersBySubjectOrKind() {
        fillMemory();
        assertEquals(0, run("--subject", "link:5-3"));
        assertTrue(out().contains("link:3-5"), "link ends in either order");
        assertFalse(out().contains("node:7"));

        out.reset();
        assertEquals(0, run("--subject=node"));
        assertTrue(out().contains("node:7"));
        assertFalse(out().contains("link:3-5"));

        out.reset();
        assertEquals(0, run("--subject", "node:8"));
        assertTrue(out().contains("No lessons about those subjects."), out());
    }

    @Test
    void showsTheShortTermMemoryNewestFirst() {
        fillMemory();
        assertEquals(0, run("--short-term", "--subject", "node:2,node:7"));
        String text = out();
        int shortTerm = text.indexOf("Short-term memory: 4 records, newest first.");
        assertTrue(shortTerm > 0, text);
        List<String> records = text.substring(shortTerm).lines().skip(2).toList();
        assertTrue(records.get(0).matches("node:2 +0s +task \\d+ \\(video\\) succeeded"), records.toString());
        assertTrue(records.get(1).matches("node:7 +1m32s +node hardware failure"), records.toString());
        assertEquals(4, records.size());
    }

    @Test
    void clearForgetsEverything() {
        fillMemory();
        assertEquals(0, run("--clear"));
        assertEquals("Cleared the reflective memory: forgot 2 lessons and 8 short-term records.", out().strip());
        assertTrue(memory.lessons().isEmpty());
        assertTrue(memory.shortTerm().isEmpty());

        out.reset();
        assertEquals(0, run());
        assertTrue(out().contains("No lessons yet."));
    }

    @Test
    void badUsageNamesTheProblem() {
        assertEquals(2, run("--subject", "host:3"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
                "memory: --subject: subject 'host:3' is not node:<id>, link:<id>-<id> or type:<task type>"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("--clear", "--subject", "node:1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("memory: --clear takes no other option"));
        err.reset();
        assertEquals(2, run("lessons"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unexpected argument 'lessons'"));
        err.reset();
        assertEquals(2, run("--verbose"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --verbose"));
    }

    @Test
    void agesReadLikeDurations() {
        assertEquals("0s", MemoryCommand.age(-5));
        assertEquals("59s", MemoryCommand.age(59_999));
        assertEquals("3m05s", MemoryCommand.age(185_000));
        assertEquals("2h03m", MemoryCommand.age(7_380_000));
        assertEquals("4d07h", MemoryCommand.age((4 * 24 + 7) * 3_600_000L));
    }
}
