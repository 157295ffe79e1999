package org.ledrl.reflect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Reflection;
import org.ledrl.reflect.Lesson;
import org.ledrl.reflect.LessonRewriter;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.MemorySnapshot;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.ledrl.reflect.Rule;
import org.ledrl.reflect.Trace;
import org.junit.jupiter.api.Test;

/** Ageing, caps, recall ranking, the clock across episodes and the rewriter hook. */
class MemoryTest {

    private final Synthetic synthetic = new Synthetic();

    /** Three outages of {@code node} ending at {@code slot}: a failing-node lesson. */
    private static void failNode(ReflectiveEvaluator memory, int node, double slot) {
        for (int i = 2; i >= 0; i--) {
            memory.onEvent(Synthetic.nodeDown(node, slot - i * 0.1));
        }
    }

    private static Set<String> subjects(List<?> lessons) {
        return lessons.stream().map(l -> l instanceof Lesson lesson ? lesson.subject() : ((Reflection) l).subject())
                .collect(Collectors.toSet());
    }

    @Test
    void lessonsAgeOutWhenEvidenceStops() {
        MemorySettings settings = MemorySettings.defaults().withTime(1000, 20, 100, 50);
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(settings, () -> LessonRewriter.NONE);
        failNode(memory, 7, 1);
        failNode(memory, 8, 1);

        // node 8 keeps failing now and then; node 7 does not
        for (int slot = 10; slot <= 100; slot += 30) {
            memory.onEvent(Synthetic.nodeDown(8, slot));
        }
        memory.onOutcome(synthetic.outcome(1, 1, FailureReason.NONE, "video", 100.5));
        assertEquals(Set.of("node:7", "node:8"), subjects(memory.lessons()), "99.5 slots old: still kept");

        memory.onOutcome(synthetic.outcome(1, 1, FailureReason.NONE, "video", 102));
        assertEquals(Set.of("node:8"), subjects(memory.lessons()), "node 7's last evidence is 101 slots old");

        memory.onOutcome(synthetic.outcome(1, 1, FailureReason.NONE, "video", 250));
        assertTrue(memory.lessons().isEmpty(), memory.lessons().toString());
    }

    @Test
    void theLessonCapEvictsTheWeakest() {
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults().withCaps(3, 64, 128),
                () -> LessonRewriter.NONE);
        failNode(memory, 1, 1);
        failNode(memory, 2, 2);
        failNode(memory, 3, 3);
        memory.onEvent(Synthetic.nodeDown(1, 3.5)); // node 1 gets more evidence than node 2
        failNode(memory, 4, 5);

        assertEquals(3, memory.lessons().size());
        assertEquals(Set.of("node:1", "node:3", "node:4"), subjects(memory.lessons()),
                "node 2 is as old as node 1 and has less evidence");
        for (int node = 10; node < 40; node++) {
            failNode(memory, node, 6 + node);
            assertTrue(memory.lessons().size() <= 3);
        }
        assertEquals(Set.of("node:37", "node:38", "node:39"), subjects(memory.lessons()));
    }

    @Test
    void theShortTermCapsHold() {
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults().withCaps(100, 8, 4),
                () -> LessonRewriter.NONE);
        for (int i = 0; i < 20; i++) {
            memory.onOutcome(synthetic.outcome(1, 1, FailureReason.NONE, "video", 1 + i * 0.1));
        }
        List<Trace> records = memory.shortTerm();
        assertEquals(16, records.size(), "8 for node:1 and 8 for type:video");
        assertEquals(1 + 19 * 0.1, records.get(0).timeMillis() / 1000.0, 1e-9, "newest first");

        for (int node = 2; node <= 5; node++) {
            memory.onOutcome(synthetic.outcome(node, node, FailureReason.NONE, "video", 10 + node));
        }
        Set<String> kept = memory.shortTerm().stream().map(Trace::subject).collect(Collectors.toSet());
        assertEquals(Set.of("node:3", "node:4", "node:5", "type:video"), kept,
                "four subjects at most; node 1 and then node 2 had the oldest newest records");
    }

    @Test
    void recallRanksTheAskersAndItsNeighboursLessonsFirst() {
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE);
        // give the far and unrelated nodes more evidence, so that only relevance can put them last
        for (int node : new int[] {9, 6}) {
            failNode(memory, node, 1);
            memory.onEvent(Synthetic.nodeDown(node, 1.5));
            memory.onEvent(Synthetic.nodeDown(node, 1.6));
        }
        failNode(memory, 2, 1);
        failNode(memory, 1, 1);
        for (int i = 0; i < 3; i++) {
            memory.onOutcome(synthetic.outcome(1, 2, FailureReason.LINK_FAILED, "ocr", 1 + i * 0.1));
        }

        List<Reflection> recalled = memory.recall(Synthetic.observation(1, 2, "video", List.of(2), List.of(6)), 10);
        List<String> order = recalled.stream().map(Reflection::subject).toList();
        assertEquals(List.of("node:1", "link:1-2", "node:2", "node:6"), order,
                "own node, the link to the neighbour, the neighbour, the farther candidate; node 9 is out of view");
        assertEquals(2, memory.recall(Synthetic.observation(1, 2, "video", List.of(2), List.of(6)), 2).size());
        assertTrue(memory.recall(Synthetic.observation(1, 2, "video", List.of(2), List.of(6)), 0).isEmpty());
    }

    @Test
    void recallPrefersRecentEvidenceAndTheTasksType() {
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE);
        failNode(memory, 2, 1);
        failNode(memory, 3, 60);
        List<String> order = memory.recall(Synthetic.observation(1, 60, "video", List.of(2, 3), List.of()), 5)
                .stream().map(Reflection::subject).toList();
        assertEquals(List.of("node:3", "node:2"), order, "same relevance and evidence: the recent one first");

        for (int i = 0; i < 8; i++) {
            memory.onOutcome(synthetic.outcome(20 + i, 20 + i, FailureReason.DEADLINE_MISSED, "video", 61));
        }
        assertTrue(subjects(memory.recall(Synthetic.observation(1, 61, "video", List.of(), List.of()), 5))
                .contains("type:video"));
        assertFalse(subjects(memory.recall(Synthetic.observation(1, 61, "ocr", List.of(), List.of()), 5))
                .contains("type:video"), "a lesson about another task type is not relevant");
    }

    @Test
    void episodesThatRestartTheClockDoNotAgeTheMemory() {
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults().withTime(1000, 20, 150, 50),
                () -> LessonRewriter.NONE);
        for (int episode = 0; episode < 5; episode++) {
            // each episode's clock runs from 0 to 100 s; node 7 fails early in episode 0 only
            if (episode == 0) {
                failNode(memory, 7, 1);
            }
            for (int slot = 1; slot <= 100; slot += 10) {
                memory.onOutcome(synthetic.outcome(1, 1, FailureReason.NONE, "video", slot));
            }
            memory.onEpisodeEnd(episode);
            if (episode == 0) {
                assertEquals(Set.of("node:7"), subjects(memory.lessons()));
            }
        }
        assertTrue(memory.lessons().isEmpty(), "node 7 last failed ~400 slots ago, beyond the retention of 150");

        ReflectiveEvaluator restarted = new ReflectiveMemoryEngine(MemorySettings.defaults(),
                () -> LessonRewriter.NONE);
        failNode(restarted, 7, 90);
        restarted.onOutcome(synthetic.outcome(1, 1, FailureReason.NONE, "video", 1)); // no episode end, clock went back
        assertTrue(restarted.nowMillis() > 90_000, "a jump back starts a new segment after the latest time seen");
        assertEquals(1, restarted.lessons().size());
    }

    @Test
    void aRewriterProseIsShownOnlyForTheTextItWasWrittenFor() {
        AtomicReference<LessonRewriter> rewriter = new AtomicReference<>(LessonRewriter.NONE);
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults(), rewriter::get);
        List<CompletableFuture<String>> pending = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        rewriter.set(lesson -> {
            asked.add(lesson.text());
            CompletableFuture<String> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        });
        failNode(memory, 7, 1);
        assertEquals(1, asked.size());
        Lesson lesson = memory.lessons().get(0);
        assertEquals(lesson.text(), lesson.displayText(), "no prose until the rewriter answers");

        pending.get(0).complete("Node 7 keeps going down; send work elsewhere.");
        assertEquals("Node 7 keeps going down; send work elsewhere.",
                memory.recall(Synthetic.observation(7, 1, "video", List.of(), List.of()), 1).get(0).text());

        memory.onEvent(Synthetic.nodeDown(7, 2)); // the text changes: the old prose has stale numbers
        assertEquals(memory.lessons().get(0).text(), memory.lessons().get(0).displayText());
        assertEquals(2, asked.size());
        memory.onEvent(Synthetic.nodeDown(7, 3)); // changes again while a rewrite is in flight: no second request
        assertEquals(2, asked.size());
        pending.get(1).complete("stale prose");
        assertEquals(3, asked.size(), "the answer was for an older text, so the memory asks again");
        pending.get(2).complete("   ");
        assertEquals(memory.lessons().get(0).text(), memory.lessons().get(0).displayText(), "blank prose is ignored");
    }

    @Test
    void aFailingRewriterLeavesTheRulesText() {
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> lesson -> {
            throw new IllegalStateException("no LLM");
        });
        failNode(memory, 7, 1);
        Lesson lesson = memory.lessons().get(0);
        assertEquals(lesson.text(), memory.recall(Synthetic.observation(7, 1, "video", List.of(), List.of()), 1)
                .get(0).text());
        ReflectiveEvaluator tooLong = new ReflectiveMemoryEngine(MemorySettings.defaults(),
                () -> l -> CompletableFuture.completedFuture("x".repeat(LessonRewriter.MAX_PROSE_CHARS + 1)));
        failNode(tooLong, 7, 1);
        assertEquals("", tooLong.lessons().get(0).prose());
    }

    @Test
    void twoMemoriesShareNothing() {
        ReflectiveEvaluator a = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE);
        ReflectiveEvaluator b = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE);
        failNode(a, 7, 1);
        assertEquals(1, a.lessons().size());
        assertTrue(b.lessons().isEmpty());
        assertTrue(b.shortTerm().isEmpty());
    }

    @Test
    void restoreRejectsAnInvalidSnapshotAndKeepsTheMemory() {
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE);
        failNode(memory, 7, 1);
        MemorySnapshot good = memory.snapshot();
        Lesson bad = new Lesson(Rule.FAILING_LINK, "node:3", "", "text", "", 3, 0, 1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> memory.restore(new MemorySnapshot(5000, List.of(good.lessons().get(0), bad), List.of())));
        assertEquals("lesson 2: rule failing-link is not about a subject like node:3", e.getMessage());
        assertEquals(good.lessons(), memory.lessons());

        ReflectiveEvaluator copy = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE);
        copy.restore(good);
        assertEquals(good.lessons(), copy.lessons());
        assertEquals(good.shortTerm(), copy.snapshot().shortTerm());
    }

    @Test
    void settingsNameTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemorySettings.defaults().withCaps(0, 64, 128));
        assertEquals("reflective memory setting maxLessons must be at least 1, not 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MemorySettings.defaults().withCaps(10, 2, 128));
        assertEquals("reflective memory setting shortTermPerSubject must be at least 8, not 2", e.getMessage());
    }
}
