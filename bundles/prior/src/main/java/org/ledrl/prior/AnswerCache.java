package org.ledrl.prior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recorded LLM answers on disk, keyed by a hash of the model and the whole conversation, so that an
 * experiment run once against a real LLM can be replayed exactly, without the server.
 *
 * <p>The file holds one JSON object a line ({@code {"key":..., "model":..., "answer":...}}) and is
 * only ever appended to, so a crash loses at most the line being written. A line that cannot be read
 * is reported with its line number and skipped, never removed; when a key appears twice the first
 * answer wins, so a replay gives what the first run saw.
 *
 * <p>Bounded: at most {@code maxEntries} answers, in memory and in the file, each of at most
 * {@value #MAX_ANSWER_CHARS} characters. First come, first kept: once full, a new answer is neither
 * kept nor written, and a file with more is read up to the bound; both are counted in
 * {@link #dropped()}. A replay then asks again (auto) or reports the prompt as not recorded (replay).
 * Thread-safe.
 */
public final class AnswerCache {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Most answers kept unless told otherwise. */
    public static final int DEFAULT_MAX_ENTRIES = 20_000;
    /** Longest answer kept; a prior's answer is a few hundred characters. */
    public static final int MAX_ANSWER_CHARS = 8_192;

    private final Path file;
    private final int maxEntries;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final int skippedLines;
    private final AtomicLong dropped = new AtomicLong();

    private AnswerCache(Path file, int maxEntries, int skippedLines) {
        this.file = file;
        this.maxEntries = maxEntries;
        this.skippedLines = skippedLines;
    }

    /** {@link #open(Path, int)} with {@value #DEFAULT_MAX_ENTRIES} answers at most. */
    public static AnswerCache open(Path file) {
        return open(file, DEFAULT_MAX_ENTRIES);
    }

    /**
     * Opens (or prepares to create) the cache file and reads what it holds.
     *
     * @param maxEntries the most answers kept (1 or more)
     * @throws UncheckedIOException naming the file when it exists and cannot be read
     */
    public static AnswerCache open(Path file, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("answer cache " + file + ": maxEntries must be 1 or more, was "
                    + maxEntries);
        }
        if (!Files.exists(file)) {
            return new AnswerCache(file, maxEntries, 0);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("answer cache " + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> read = new HashMap<>();
        int skipped = 0;
        long beyond = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode entry = JSON.readTree(line);
                if (entry == null || !entry.path("key").isTextual() || !entry.path("answer").isTextual()) {
                    throw new IOException("needs the text fields \"key\" and \"answer\"");
                }
                String key = entry.get("key").asText();
                String answer = entry.get("answer").asText();
                if (!read.containsKey(key) && (read.size() >= maxEntries || answer.length() > MAX_ANSWER_CHARS)) {
                    beyond++;
                } else {
                    read.putIfAbsent(key, answer);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                skipped++;
                LOG.warn("Answer cache {} line {} skipped: not JSON ({})", file, i + 1, e.getOriginalMessage());
            } catch (IOException e) {
                skipped++;
                LOG.warn("Answer cache {} line {} skipped: {}", file, i + 1, e.getMessage());
            }
        }
        AnswerCache cache = new AnswerCache(file, maxEntries, skipped);
        cache.answers.putAll(read);
        cache.dropped.addAndGet(beyond);
        if (beyond > 0) {
            LOG.warn("Answer cache {}: {} answers beyond the bound of {} (or longer than {} characters) not loaded",
                    file, beyond, maxEntries, MAX_ANSWER_CHARS);
        }
        return cache;
    }

    /** The key of a conversation with a model: SHA-256 over the model name and every turn. */
    public static String key(String model, List<ChatTurn> conversation) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, model);
            for (ChatTurn turn : conversation) {
                update(digest, turn.role().name());
                update(digest, turn.text());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // Length first, so that ("ab","c") and ("a","bc") hash differently.
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(answers.get(key));
    }

    /**
     * Stores an answer unless the key is already there, appending one line to the file; when the cache is
     * full or the answer too long, counts it in {@link #dropped()} instead.
     *
     * @throws UncheckedIOException naming the file when it cannot be written (the answer is still kept in memory)
     */
    public void store(String key, String model, String answer) {
        if (answers.containsKey(key)) {
            return;
        }
        synchronized (this) { // the size check, the entry and its line together: the bound holds exactly
            if (answers.containsKey(key)) {
                return;
            }
            if (answers.size() >= maxEntries || answer.length() > MAX_ANSWER_CHARS) {
                if (dropped.getAndIncrement() == 0) {
                    LOG.warn("Answer cache {} keeps no more answers: {} kept at most, {} characters each; further ones "
                            + "are counted, not recorded", file, maxEntries, MAX_ANSWER_CHARS);
                }
                return;
            }
            answers.put(key, answer);
            ObjectNode entry = JSON.createObjectNode().put("key", key).put("model", model).put("answer", answer);
            String line = entry.toString() + "\n";
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("answer cache " + file + " cannot be written: " + e.getMessage(), e);
            }
        }
    }

    public int size() {
        return answers.size();
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Answers neither kept nor recorded because the cache was full or they were too long, and lines not loaded. */
    public long dropped() {
        return dropped.get();
    }

    /** Lines of the file that could not be read when it was opened. */
    public int skippedLines() {
        return skippedLines;
    }

    public Path file() {
        return file;
    }
}
