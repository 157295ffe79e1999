package org.ledrl.reflect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.reflect.Lesson;
import org.ledrl.reflect.LessonRewriter;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.ledrl.reflect.Rule;
import org.junit.jupiter.api.Test;

/** Each rule fires at its threshold, not below it, and writes what it saw. */
class RulesTest {

    private final Synthetic synthetic = new Synthetic();
    private final ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults(),
            () -> LessonRewriter.NONE);

    private Optional<Lesson> lesson(Rule rule, String subject) {
        return memory.lessons().stream().filter(l -> l.rule() == rule && l.subject().equals(subject)).findFirst();
    }

    @Test
    void failingNodeFiresAtThreeFailuresInTheWindow() {
        memory.onEvent(Synthetic.nodeDown(7, 1));
        memory.onOutcome(synthetic.outcome(2, 7, FailureReason.NODE_FAILED, "video", 2));
        assertTrue(lesson(Rule.FAILING_NODE, "node:7").isEmpty(), "two failures are below the threshold of three");

        memory.onOutcome(synthetic.outcome(7, 7, FailureReason.EXECUTION_FAILURE, "video", 3));

        Lesson lesson = lesson(Rule.FAILING_NODE, "node:7").orElseThrow();
        assertEquals("node 7 failed 3 times in the last 20 slots: went down once, 1 task lost when it failed,"
                + " 1 execution failure", lesson.text());
        assertEquals(3, lesson.evidence());
        assertEquals(3000, lesson.lastEvidenceMillis());
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotAddUp() {
        memory.onEvent(Synthetic.nodeDown(7, 1));
        memory.onEvent(Synthetic.nodeDown(7, 15));
        memory.onEvent(Synthetic.nodeDown(7, 30));
        memory.onEvent(Synthetic.nodeDown(7, 45));
        assertTrue(lesson(Rule.FAILING_NODE, "node:7").isEmpty(), memory.lessons().toString());
    }

    @Test
    void successesAndOtherNodesDoNotCount() {
        for (int i = 0; i < 10; i++) {
            memory.onOutcome(synthetic.outcome(7, 7, FailureReason.NONE, "video", 1 + i));
        }
        memory.onEvent(Synthetic.nodeDown(8, 2));
        memory.onEvent(Synthetic.nodeDown(9, 3));
        memory.onOutcome(synthetic.outcome(7, 7, FailureReason.EXECUTION_FAILURE, "video", 12));
        assertTrue(memory.lessons().isEmpty(), memory.lessons().toString());
    }

    @Test
    void overloadedNodeNeedsBothCountAndShare() {
        // three misses among eight tasks: the count is reached, the share (0.5) is not
        for (int i = 0; i < 5; i++) {
            memory.onOutcome(synthetic.outcome(4, 4, FailureReason.NONE, "ocr", 1 + i));
        }
        for (int i = 0; i < 3; i++) {
            memory.onOutcome(synthetic.outcome(4, 4, FailureReason.DEADLINE_MISSED, "ocr", 6 + i));
        }
        assertTrue(lesson(Rule.OVERLOADED_NODE, "node:4").isEmpty());

        memory.onOutcome(synthetic.outcome(4, 4, FailureReason.QUEUE_FULL, "ocr", 10));
        memory.onOutcome(synthetic.outcome(1, 4, FailureReason.DEADLINE_MISSED, "ocr", 11));

        Lesson lesson = lesson(Rule.OVERLOADED_NODE, "node:4").orElseThrow();
        assertEquals("node 4 is overloaded: 5 of 10 tasks it ran in the last 20 slots missed the deadline"
                + " or found the queue full", lesson.text());
        assertEquals(5, lesson.evidence());
    }

    @Test
    void failingLinkCountsOutagesAndOneHopTransferFailuresBothWays() {
        memory.onEvent(Synthetic.linkDown(5, 3, 1));
        memory.onOutcome(synthetic.outcome(3, 5, FailureReason.TRANSMISSION_FAILURE, "video", 2));
        assertTrue(lesson(Rule.FAILING_LINK, "link:3-5").isEmpty());
        memory.onOutcome(synthetic.outcome(5, 3, FailureReason.LINK_FAILED, "video", 3));

        Lesson lesson = lesson(Rule.FAILING_LINK, "link:3-5").orElseThrow();
        assertEquals("link 3-5 failed 3 times in the last 20 slots: went down once, 2 transfers failed",
                lesson.text());
    }

    @Test
    void multiHopTransfersNameNoLink() {
        for (int i = 0; i < 5; i++) {
            memory.onOutcome(synthetic.outcome(3, 5, 2, FailureReason.TRANSMISSION_FAILURE, "video", 1 + i));
        }
        assertTrue(memory.lessons().stream().noneMatch(l -> l.subject().startsWith("link:")), memory.lessons().toString());
    }

    @Test
    void slowLinkIsPerTaskType() {
        for (int i = 0; i < 6; i++) { // node 5 does well with its own tasks: it is not overloaded
            memory.onOutcome(synthetic.outcome(5, 5, FailureReason.NONE, "local", 0.5 + i * 0.05));
        }
        for (int i = 0; i < 3; i++) {
            memory.onOutcome(synthetic.outcome(3, 5, FailureReason.DEADLINE_MISSED, "ocr", 1 + i));
            memory.onOutcome(synthetic.outcome(3, 5, FailureReason.NONE, "video", 1 + i));
        }
        memory.onOutcome(synthetic.outcome(3, 5, FailureReason.DEADLINE_MISSED, "video", 5));
        memory.onOutcome(synthetic.outcome(3, 5, FailureReason.DEADLINE_MISSED, "video", 6));
        // video: 2 misses of 5, below the threshold of 3
        List<Lesson> slow = memory.lessons().stream().filter(l -> l.rule() == Rule.SLOW_LINK).toList();
        assertEquals(1, slow.size(), slow.toString());
        assertEquals("ocr", slow.get(0).taskType());
        assertEquals("link 3-5 is slow when ocr tasks pile up: 3 of 3 sent over it in the last 20 slots"
                + " missed the deadline", slow.get(0).text());

        memory.onOutcome(synthetic.outcome(5, 3, FailureReason.DEADLINE_MISSED, "video", 7));
        assertTrue(memory.lessons().stream().anyMatch(l -> l.rule() == Rule.SLOW_LINK && l.taskType().equals("video")),
                "3 misses of 6 video transfers reach both thresholds");
    }

    @Test
    void failingTaskTypeNeedsEnoughTasksAndNamesTheCommonestReason() {
        int node = 0;
        for (int i = 0; i < 7; i++) {
            FailureReason reason = i < 4 ? FailureReason.DEADLINE_MISSED : i < 6 ? FailureReason.NODE_FAILED
                    : FailureReason.NONE;
            // spread over nodes so that no node rule interferes
            memory.onOutcome(synthetic.outcome(node, node, reason, "video", 1 + i));
            node++;
        }
        assertTrue(lesson(Rule.FAILING_TASK_TYPE, "type:video").isEmpty(), "7 tasks are below typeMinTasks 8");

        memory.onOutcome(synthetic.outcome(node, node, FailureReason.NONE, "video", 9));
        Lesson lesson = lesson(Rule.FAILING_TASK_TYPE, "type:video").orElseThrow();
        assertEquals("video tasks fail often: 6 of 8 failed in the last 20 slots, mostly deadline missed (4)",
                lesson.text());
    }

    @Test
    void policyErrorsTeachNothing() {
        for (int i = 0; i < 12; i++) {
            memory.onOutcome(synthetic.outcome(2, 2, FailureReason.POLICY_ERROR, "video", 1 + i));
        }
        assertTrue(memory.lessons().isEmpty(), memory.lessons().toString());
        assertEquals(24, memory.shortTerm().size(), "still recorded short-term, per node and per type");
    }

    @Test
    void laterSupportingRecordsAddEvidenceEvenBelowThreshold() {
        memory.onEvent(Synthetic.nodeDown(7, 1));
        memory.onEvent(Synthetic.nodeDown(7, 2));
        memory.onEvent(Synthetic.nodeDown(7, 3));
        String text = lesson(Rule.FAILING_NODE, "node:7").orElseThrow().text();

        memory.onOutcome(synthetic.outcome(7, 7, FailureReason.NONE, "video", 40));
        assertEquals(3, lesson(Rule.FAILING_NODE, "node:7").orElseThrow().evidence(), "a success is no evidence");

        memory.onEvent(Synthetic.nodeDown(7, 50));
        Lesson lesson = lesson(Rule.FAILING_NODE, "node:7").orElseThrow();
        assertEquals(4, lesson.evidence());
        assertEquals(50_000, lesson.lastEvidenceMillis());
        assertEquals(3000, lesson.firstEvidenceMillis(), "when the rule first fired");
        assertEquals(text, lesson.text(), "the rule did not fire again, so the text keeps its last numbers");
    }

    @Test
    void untypedTasksAreJudgedTogether() {
        for (int i = 0; i < 8; i++) {
            memory.onOutcome(synthetic.outcome(i, i, FailureReason.DEADLINE_MISSED, i % 2 == 0 ? "" : null, 1 + i));
        }
        assertTrue(lesson(Rule.FAILING_TASK_TYPE, "type:" + ReflectiveMemoryEngine.UNTYPED).isPresent(),
                memory.lessons().toString());
    }

    @Test
    void malformedEventsAndOutcomesAreIgnoredNotRecorded() {
        memory.onEvent(new EnvironmentEvent(1000, EnvironmentEvent.Type.LINK_FAILED,
                3, -1));
        memory.onEvent(new EnvironmentEvent(1000, EnvironmentEvent.Type.LINK_FAILED,
                3, 3));
        memory.onEvent(Synthetic.nodeDown(-2, 1));
        memory.onOutcome(synthetic.outcome(-1, 4, FailureReason.NONE, "video", 1));
        assertTrue(memory.shortTerm().isEmpty(), memory.shortTerm().toString());
        assertEquals(Long.MIN_VALUE, memory.nowMillis(), "the clock did not move either");
    }

    @Test
    void subjectsParseOnlyWellFormedIds() {
        assertEquals("link:3-5", Subject.parse("link:5-3").toString());
        assertEquals("type:a:b", Subject.parse("type:a:b").toString());
        for (String bad : new String[] {"node:-1", "link:-1-5", "link:3--1", "link:4-4", "node:", "type:", "host:1", "7"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Subject.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("subject '" + bad + "' is not"), e.getMessage());
        }
    }

    @Test
    void missesAtAnOverloadedExecutorAreNotBlamedOnTheLink() {
        // node 5 is swamped by its own tasks; tasks sent to it from 3 then miss too
        for (int i = 0; i < 4; i++) {
            memory.onOutcome(synthetic.outcome(5, 5, FailureReason.DEADLINE_MISSED, "video", 1 + i));
        }
        for (int i = 0; i < 4; i++) {
            memory.onOutcome(synthetic.outcome(3, 5, FailureReason.DEADLINE_MISSED, "video", 5 + i));
        }
        assertTrue(lesson(Rule.OVERLOADED_NODE, "node:5").isPresent());
        assertTrue(lesson(Rule.SLOW_LINK, "link:3-5").isEmpty(), memory.lessons().toString());

        // node 6 is fine with its own tasks, so misses of tasks sent to it over 3-6 are the link's
        for (int i = 0; i < 6; i++) {
            memory.onOutcome(synthetic.outcome(6, 6, FailureReason.NONE, "video", 1 + i));
        }
        for (int i = 0; i < 3; i++) {
            memory.onOutcome(synthetic.outcome(3, 6, FailureReason.DEADLINE_MISSED, "video", 7 + i));
        }
        assertTrue(lesson(Rule.OVERLOADED_NODE, "node:6").isEmpty());
        assertTrue(lesson(Rule.SLOW_LINK, "link:3-6").isPresent(), memory.lessons().toString());
    }
}
