package org.ledrl.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerCacheTest {

    @TempDir
    Path dir;

    private static final List<ChatTurn> ASK = List.of(ChatTurn.system("s"), ChatTurn.user("where?"));

    @Test
    void keyDependsOnModelAndEveryTurn() {
        String key = AnswerCache.key("m", ASK);
        assertEquals(key, AnswerCache.key("m", List.of(ChatTurn.system("s"), ChatTurn.user("where?"))));
        assertNotEquals(key, AnswerCache.key("m2", ASK));
        assertNotEquals(key, AnswerCache.key("m", List.of(ChatTurn.system("s"), ChatTurn.user("where"))));
        assertNotEquals(AnswerCache.key("m", List.of(ChatTurn.user("ab"), ChatTurn.user("c"))),
                AnswerCache.key("m", List.of(ChatTurn.user("a"), ChatTurn.user("bc"))));
    }

    @Test
    void recordedAnswersSurviveReopeningAndTheFirstAnswerWins() {
        Path file = dir.resolve("sub/answers.jsonl");
        AnswerCache cache = AnswerCache.open(file);
        cache.store("k1", "m", "{\"a\":1}\nwith a newline");
        cache.store("k1", "m", "second answer for the same prompt");
        cache.store("k2", "m", "two");

        AnswerCache reopened = AnswerCache.open(file);
        assertEquals(2, reopened.size());
        assertEquals("{\"a\":1}\nwith a newline", reopened.find("k1").orElseThrow());
        assertEquals("two", reopened.find("k2").orElseThrow());
    }

    @Test
    void aDamagedLineIsSkippedAndTheRestKept() throws IOException {
        Path file = dir.resolve("answers.jsonl");
        AnswerCache.open(file).store("k1", "m", "one");
        Files.writeString(file, "{\"key\":\"k2\",\"answ\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        AnswerCache.open(file).store("k3", "m", "three");

        AnswerCache reopened = AnswerCache.open(file);
        assertEquals(1, reopened.skippedLines());
        assertEquals("one", reopened.find("k1").orElseThrow());
        assertEquals("three", reopened.find("k3").orElseThrow());
        assertTrue(reopened.find("k2").isEmpty());
        assertTrue(Files.readString(file).contains("\"answ"), "the damaged line stays in the file");
    }

    @Test
    void recordThenReplayGivesTheSameAnswersWithoutTheServer() throws ChatFailure {
        Path file = dir.resolve("run.jsonl");
        ScriptedChatClient server = new ScriptedChatClient().then("answer one");
        ChatClient recording = CachingChatClient.wrap(server, AnswerCache.open(file), CacheMode.RECORD);
        assertEquals("answer one", recording.complete(ASK, "{}"));

        ScriptedChatClient silent = new ScriptedChatClient();
        ChatClient replaying = CachingChatClient.wrap(silent, AnswerCache.open(file), CacheMode.REPLAY);
        assertEquals("answer one", replaying.complete(ASK, "{}"));
        assertTrue(silent.conversations.isEmpty(), "replay must not reach the server");

        ChatFailure miss = assertThrows(ChatFailure.class,
                () -> replaying.complete(List.of(ChatTurn.user("never asked")), "{}"));
        assertEquals(RejectionReason.NOT_RECORDED, miss.reason());
        assertTrue(silent.conversations.isEmpty());
    }

    @Test
    void autoModeAsksOnlyForWhatItHasNotSeen() throws ChatFailure {
        ScriptedChatClient server = new ScriptedChatClient().then("first");
        ChatClient auto = CachingChatClient.wrap(server, AnswerCache.open(dir.resolve("auto.jsonl")), CacheMode.AUTO);
        assertEquals("first", auto.complete(ASK, "{}"));
        assertEquals("first", auto.complete(ASK, "{}"));
        assertEquals(1, server.conversations.size());
    }

    @Test
    void failuresAreNotRecorded() {
        Path file = dir.resolve("fail.jsonl");
        ScriptedChatClient server = new ScriptedChatClient().thenFail(RejectionReason.TIMEOUT, "slow");
        ChatClient recording = CachingChatClient.wrap(server, AnswerCache.open(file), CacheMode.RECORD);
        assertThrows(ChatFailure.class, () -> recording.complete(ASK, "{}"));
        assertEquals(0, AnswerCache.open(file).size());
    }

    @Test
    void cacheModeNamesTheBadValue() {
        assertEquals(CacheMode.REPLAY, CacheMode.parse(" Replay "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CacheMode.parse("replya"));
        assertTrue(e.getMessage().contains("replya") && e.getMessage().contains("off, record, replay, auto"),
                e.getMessage());
    }

    @Test
    void aMillionAnswersKeepTheBoundInMemoryAndInTheFileAndCountTheRest() throws IOException {
        Path file = dir.resolve("bounded.jsonl");
        AnswerCache cache = AnswerCache.open(file, 1_000);
        for (int i = 0; i < 1_000_000; i++) {
            cache.store("k" + i, "m", "{\"a\":" + i + "}");
            if (i % 10_000 == 0) {
                assertTrue(cache.size() <= 1_000);
            }
        }
        cache.store("long", "m", "x".repeat(AnswerCache.MAX_ANSWER_CHARS + 1));
        assertEquals(1_000, cache.size());
        assertEquals(1_000_000 - 1_000 + 1, cache.dropped(), "every answer not kept, the too long one too");
        assertEquals(1_000, Files.readAllLines(file, StandardCharsets.UTF_8).size(), "the file holds the bound too");
        assertEquals("{\"a\":0}", cache.find("k0").orElseThrow(), "first come, first kept");
        assertTrue(cache.find("k1000").isEmpty());

        AnswerCache smaller = AnswerCache.open(file, 10);
        assertEquals(10, smaller.size(), "a file with more is read up to the bound");
        assertEquals(990, smaller.dropped());
        assertThrows(IllegalArgumentException.class, () -> AnswerCache.open(file, 0));
    }
}
