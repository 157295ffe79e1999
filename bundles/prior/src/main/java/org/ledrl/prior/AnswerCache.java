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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recorded LLM answers on disk, keyed by a hash of the model and the whole conversation, so that an
 * experiment run once against a real LLM can be replayed exactly, without the server.
 *
 * <p>The file holds one JSON object a line ({@code {"key":..., "model":..., "answer":...}}) and is
 * only ever appended to, so a crash loses at most the line being written. A line that cannot be read
 * is reported with its line number and skipped, never removed; when a key appears twice the first
 * answer wins, so a replay gives what the first run saw. Thread-safe.
 */
public final class AnswerCache {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final int skippedLines;

    private AnswerCache(Path file, int skippedLines) {
        this.file = file;
        this.skippedLines = skippedLines;
    }

    /**
     * Opens (or prepares to create) the cache file and reads what it holds.
     *
     * @throws UncheckedIOException naming the file when it exists and cannot be read
     */
    public static AnswerCache open(Path file) {
        if (!Files.exists(file)) {
            return new AnswerCache(file, 0);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("answer cache " + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> read = new HashMap<>();
        int skipped = 0;
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
                read.putIfAbsent(entry.get("key").asText(), entry.get("answer").asText());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                skipped++;
                LOG.warn("Answer cache {} line {} skipped: not JSON ({})", file, i + 1, e.getOriginalMessage());
            } catch (IOException e) {
                skipped++;
                LOG.warn("Answer cache {} line {} skipped: {}", file, i + 1, e.getMessage());
            }
        }
        AnswerCache cache = new AnswerCache(file, skipped);
        cache.answers.putAll(read);
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
     * Stores an answer unless the key is already there, appending one line to the file.
     *
     * @throws UncheckedIOException naming the file when it cannot be written (the answer is still kept in memory)
     */
    public void store(String key, String model, String answer) {
        if (answers.putIfAbsent(key, answer) != null) {
            return;
        }
        ObjectNode entry = JSON.createObjectNode().put("key", key).put("model", model).put("answer", answer);
        String line = entry.toString() + "\n";
        synchronized (this) {
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

    /** Lines of the file that could not be read when it was opened. */
    public int skippedLines() {
        return skippedLines;
    }

    public Path file() {
        return file;
    }
}
