package org.ledrl.reflect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Outcome;
import org.ledrl.reflect.LessonRewriter;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.Rule;
import org.ledrl.reflect.Trace;

/** A million items through each bounded part of the reflective memory: never above its bound, every drop counted. */
class BoundsTest {

    @TempDir
    Path folder;

    @Test
    void aMillionRecordsOverManySubjectsKeepTheShortTermMemoryWithinItsCaps() {
        ShortTermMemory memory = new ShortTermMemory(64, 128);
        for (int i = 0; i < 1_000_000; i++) {
            // a few busy subjects and a long tail of new ones, as nodes, links and types come and go
            String subject = i % 2 == 0 ? "node:" + (i % 10) : "type:t" + i;
            memory.add(new Trace(subject, i, Trace.Kind.TASK, FailureReason.NONE, "t", i));
            assertTrue(memory.size() <= memory.capacity());
        }
        assertTrue(memory.subjects() <= 128);
        assertEquals(1_000_000 - memory.size(), memory.dropped(), "every record not kept was counted");
        assertEquals(memory.size(), memory.oldestFirst().size());
    }

    @Test
    void aMillionLessonsKeepTheBookAtMaxLessonsAndCountTheEvicted() {
        MemorySettings settings = MemorySettings.defaults().withCaps(100, 64, 128);
        LessonBook book = new LessonBook(settings);
        for (int i = 0; i < 1_000_000; i++) {
            Subject subject = new Subject.Node(i);
            LessonKey key = new LessonKey(Rule.FAILING_NODE, subject.toString(), "");
            book.confirm(new Judgement(key, subject, Optional.of(new Judgement.Finding("node " + i + " failed", 3)),
                    true), new Judgement.Finding("node " + i + " failed", 3), 1_000);
            book.age(1_000); // all equally recent: only the cap removes lessons
            assertTrue(book.size() <= 100);
        }
        assertEquals(100, book.size());
        assertEquals(1_000_000 - 100, book.evicted());
    }

    @Test
    void outcomesThroughTheWholeMemoryKeepItAndItsFileWithinTheirBounds() throws Exception {
        MemorySettings settings = MemorySettings.defaults();
        ReflectiveMemoryEngine memory = new ReflectiveMemoryEngine(settings, () -> LessonRewriter.NONE);
        Synthetic synthetic = new Synthetic();
        String longType = "t".repeat(200); // cut to 64 characters
        long records = 0;
        // 200,000 outcomes make 600,000 records: the caps of either part were tested apart with a million above
        for (int i = 0; i < 200_000; i++) {
            int origin = i % 5_000;
            int executor = (i + 1) % 5_000;
            FailureReason failure = i % 3 == 0 ? FailureReason.NONE : FailureReason.DEADLINE_MISSED;
            Outcome outcome = synthetic.outcome(origin, executor, failure, longType + (i % 300), i / 100.0);
            memory.onOutcome(outcome);
            records += 3; // the executor, the one link crossed, the task type
            if (i % 10_000 == 0) {
                assertTrue(memory.buffers().stream().allMatch(BufferStatus::withinBound), memory.buffers().toString());
            }
        }
        Map<String, BufferStatus> buffers = new TreeMap<>();
        memory.buffers().forEach(b -> buffers.put(b.name(), b));
        BufferStatus shortTerm = buffers.get("reflect.short-term");
        assertEquals(records - shortTerm.size(), shortTerm.dropped());
        assertTrue(buffers.get("reflect.lessons").withinBound());
        assertTrue(memory.lessons().stream().allMatch(l -> l.taskType().length() <= 64));

        Path file = folder.resolve("reflective-memory.json");
        MemoryStore store = new MemoryStore(file);
        store.saveIfChanged(memory);
        assertEquals(Files.size(file), store.savedBytes());
        assertTrue(store.savedBytes() <= MemoryStore.maxBytes(settings),
                store.savedBytes() + " bytes, bound " + MemoryStore.maxBytes(settings));
    }
}
