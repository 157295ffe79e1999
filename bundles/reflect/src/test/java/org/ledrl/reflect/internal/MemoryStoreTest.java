package org.ledrl.reflect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ledrl.api.model.FailureReason;
import org.ledrl.reflect.LessonRewriter;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.concurrent.CompletableFuture;

/** The JSON file: round trip, atomic replacement, and a corrupt file reported and set aside. */
class MemoryStoreTest {

    @TempDir
    Path folder;

    private final Synthetic synthetic = new Synthetic();

    private ReflectiveEvaluator busyMemory() {
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults(),
                () -> lesson -> CompletableFuture.completedFuture("In plain words: " + lesson.subject() + " is bad."));
        for (int i = 0; i < 3; i++) {
            memory.onEvent(Synthetic.nodeDown(7, 1 + i));
            memory.onOutcome(synthetic.outcome(3, 5, FailureReason.DEADLINE_MISSED, "video", 1 + i));
        }
        memory.onOutcome(synthetic.outcome(3, 3, FailureReason.NONE, "ocr", 4));
        return memory;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aSavedMemoryLoadsBackTheSame() throws IOException {
        ReflectiveEvaluator memory = busyMemory();
        assertTrue(memory.lessons().size() >= 2);
        MemoryStore store = new MemoryStore(folder.resolve("sub").resolve("reflective-memory.json"));
        store.saveIfChanged(memory);

        ReflectiveEvaluator loaded = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE);
        new MemoryStore(folder.resolve("sub").resolve("reflective-memory.json")).load(loaded);

        assertEquals(memory.lessons(), loaded.lessons());
        assertEquals(memory.shortTerm(), loaded.shortTerm());
        assertEquals(memory.nowMillis(), loaded.nowMillis());
        assertTrue(loaded.lessons().get(0).prose().startsWith("In plain words"), "prose is kept too");
        String json = Files.readString(folder.resolve("sub").resolve("reflective-memory.json"));
        assertTrue(json.contains("\"rule\" : \"failing-node\""), "rules are stored by their documented names");
    }

    @Test
    void anUnchangedMemoryIsNotWrittenAgainAndLeftoversOfACrashAreRemoved() throws IOException {
        Path file = folder.resolve("reflective-memory.json");
        ReflectiveEvaluator memory = busyMemory();
        MemoryStore store = new MemoryStore(file);
        store.saveIfChanged(memory);
        Files.writeString(file, Files.readString(file) + " "); // mark: a second write would drop the space
        store.saveIfChanged(memory);
        assertTrue(Files.readString(file).endsWith(" "), "nothing changed, nothing written");

        Files.writeString(folder.resolve(".reflective-memory-123.tmp"), "{\"half\": ");
        new MemoryStore(file).load(new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE));
        assertEquals(List.of(file), files());
    }

    @Test
    void aCorruptFileIsReportedAndSetAsideNotDropped() throws IOException {
        Path file = folder.resolve("reflective-memory.json");
        String garbage = "{\"format\": \"ledrl-reflective-memory\", \"version\": 1, \"lessons\": [ {\"rule\": ";
        Files.writeString(file, garbage);

        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE);
        MemoryStore store = new MemoryStore(file);
        store.load(memory);

        assertTrue(memory.lessons().isEmpty());
        assertEquals(1, store.problems().size());
        String problem = store.problems().get(0);
        assertTrue(problem.contains(file.toString()) && problem.contains("corrupt") && problem.contains("line 1"),
                problem);
        List<Path> files = files();
        assertEquals(1, files.size());
        assertTrue(files.get(0).getFileName().toString().startsWith("reflective-memory.json.corrupt-"), files.toString());
        assertEquals(garbage, Files.readString(files.get(0), StandardCharsets.UTF_8), "kept byte for byte");
        assertTrue(problem.contains(files.get(0).toString()), "the report says where it went");

        memory.onEvent(Synthetic.nodeDown(1, 1));
        store.saveIfChanged(memory);
        assertTrue(Files.exists(file), "a fresh file is written beside the one set aside");
        assertEquals(2, files().size());
    }

    @Test
    void aFileWithAnInvalidLessonIsSetAsideWithTheReason() throws IOException {
        Path file = folder.resolve("reflective-memory.json");
        ReflectiveEvaluator memory = busyMemory();
        new MemoryStore(file).saveIfChanged(memory);
        Files.writeString(file, Files.readString(file).replaceFirst("\"evidence\" : \\d+", "\"evidence\" : 0"));

        MemoryStore store = new MemoryStore(file);
        store.load(new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE));

        assertTrue(store.problems().get(0).contains("has evidence 0, less than 1"), store.problems().toString());
        assertFalse(Files.exists(file));
    }

    @Test
    void aFileOfAnotherFormatOrRuleIsNotTakenForAMemory() throws IOException {
        Path file = folder.resolve("reflective-memory.json");
        new MemoryStore(file).saveIfChanged(busyMemory());
        String saved = Files.readString(file);

        Files.writeString(file, saved.replace("failing-node", "lucky-node"));
        MemoryStore store = new MemoryStore(file);
        store.load(new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE));
        assertTrue(store.problems().get(0).contains("unknown reflection rule 'lucky-node'"), store.problems().toString());

        Files.writeString(file, saved.replace("\"version\" : 1", "\"version\" : 9"));
        store = new MemoryStore(file);
        store.load(new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE));
        assertTrue(store.problems().get(0).contains("its version is 9"), store.problems().toString());
    }

    @Test
    void loadingTrimsToTheCaps() throws IOException {
        Path file = folder.resolve("reflective-memory.json");
        ReflectiveEvaluator big = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE);
        for (int node = 0; node < 10; node++) {
            for (int i = 0; i < 3; i++) {
                big.onEvent(Synthetic.nodeDown(node, 1 + node + i * 0.1));
            }
        }
        new MemoryStore(file).saveIfChanged(big);
        ReflectiveEvaluator small = new ReflectiveMemoryEngine(MemorySettings.defaults().withCaps(4, 64, 128),
                () -> LessonRewriter.NONE);
        new MemoryStore(file).load(small);
        assertEquals(4, small.lessons().size());
        assertEquals(LessonRewriter.NONE.rewrite(small.lessons().get(0)).toCompletableFuture().join(),
                small.lessons().get(0).text());
    }
}
