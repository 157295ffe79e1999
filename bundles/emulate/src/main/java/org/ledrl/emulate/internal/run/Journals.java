package org.ledrl.emulate.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.FailureReason;

/**
 * The journals of a run's gateways, read back: every task decided, its one end, the neighbours' health as
 * each gateway saw it change, the incarnations. A task that has no end (its origin died before it could judge
 * it) ends {@code NODE_FAILED}, counted apart as ended by its origin's failure; a second end of a task (none
 * is expected) is counted and ignored. A line cut short by a kill is skipped and counted.
 */
final class Journals {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A task, its decision and how it ended. */
    record TaskRecord(long id, int origin, int slot, String type, double sizeKB, double cyclesPerBit, double deadlineS,
                      int target, double decisionUs, long decidedAt, int executor, FailureReason failure,
                      double latencyS, double reliability, int hops, long mqttRttMs, boolean endedByOriginFailure) {
    }

    /** A health change of {@code node} as gateway {@code by} saw it, epoch ms. */
    record Seen(int node, int by, String health, long at) {
    }

    final List<TaskRecord> tasks = new ArrayList<>();
    final List<Seen> seen = new ArrayList<>();
    /** Incarnations: per node, the epoch ms of each "up". */
    final Map<Integer, List<Long>> ups = new LinkedHashMap<>();
    /** Per node, the epoch ms of each "ready" (its policy decides). */
    final Map<Integer, List<Long>> readies = new LinkedHashMap<>();
    long duplicateEnds;
    long unreadableLines;
    long originFailures;
    long lateResults;

    static Journals read(Map<Integer, Path> files) throws IOException {
        Journals journals = new Journals();
        for (Map.Entry<Integer, Path> file : files.entrySet()) {
            journals.readOne(file.getKey(), file.getValue());
        }
        return journals;
    }

    private void readOne(int node, Path file) throws IOException {
        ups.put(node, new ArrayList<>());
        readies.put(node, new ArrayList<>());
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<Long, JsonNode> decided = new LinkedHashMap<>();
        Map<Long, JsonNode> ended = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (IOException e) {
                    unreadableLines++;
                    continue;
                }
                switch (event.path("e").asText()) {
                    case "up" -> ups.get(node).add(event.path("at").asLong());
                    case "ready" -> readies.get(node).add(event.path("at").asLong());
                    case "task" -> decided.put(event.path("id").asLong(), event);
                    case "end" -> {
                        if (ended.putIfAbsent(event.path("id").asLong(), event) != null) {
                            duplicateEnds++;
                        }
                    }
                    case "seen" -> seen.add(new Seen(event.path("node").asInt(), node, event.path("health").asText(),
                            event.path("at").asLong()));
                    case "late" -> lateResults++;
                    default -> {
                        // up/down markers and future events
                    }
                }
            }
        }
        for (Map.Entry<Long, JsonNode> entry : decided.entrySet()) {
            JsonNode task = entry.getValue();
            JsonNode end = ended.get(entry.getKey());
            if (end == null) {
                originFailures++;
            }
            FailureReason failure = end == null ? FailureReason.NODE_FAILED
                    : FailureReason.valueOf(end.path("failure").asText());
            tasks.add(new TaskRecord(entry.getKey(), node, task.path("slot").asInt(), task.path("type").asText("generic"),
                    task.path("sizeKB").asDouble(), task.path("cyclesPerBit").asDouble(), task.path("deadlineS").asDouble(),
                    task.path("target").asInt(-1), task.path("decisionUs").asDouble(Double.NaN),
                    task.path("at").asLong(), end == null ? node : end.path("executor").asInt(-1), failure,
                    end == null ? task.path("deadlineS").asDouble() : end.path("latencyS").asDouble(),
                    end == null ? 0 : end.path("reliability").asDouble(), end == null ? 0 : end.path("hops").asInt(),
                    end == null ? -1 : end.path("mqttRttMs").asLong(-1), end == null));
        }
        for (Long id : ended.keySet()) {
            if (!decided.containsKey(id)) {
                unreadableLines++; // an end whose task line was lost
            }
        }
    }
}
