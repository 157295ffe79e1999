package org.ledrl.experiment.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ledrl.metrics.Statistics.Interval;

/**
 * Writes an experiment's results: {@code results.json} (settings, the scenarios, one row per run,
 * one aggregate per scenario and policy, the paired comparisons with the reference policies, the headroom per
 * scenario and seed) and {@code results.csv} (the same rows, nested values flattened to dotted column names). Each
 * run's row carries the headroom of its scenario and seed ({@code headroom.rate}, {@code headroom.tasks},
 * {@code headroom.feasibleTasks}), the bound its success rate is to be read against. Numbers that could not be measured (NaN) are written as JSON null and as an
 * empty CSV cell. Every file is written to a temporary file first and moved into place, so a crash
 * never leaves a half-written file over a good one.
 */
final class ResultsWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsWriter() {
    }

    static void writeJson(Path file, Map<String, Object> settings, List<RunRow> rows, List<Aggregate> aggregates,
                          List<Comparison> comparisons, Headrooms headrooms) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("settings", settings);
        // each scenario once, as given (the rows' seeds replace its seed run by run)
        Map<String, Object> scenarios = new LinkedHashMap<>();
        for (RunRow row : rows) {
            scenarios.computeIfAbsent(row.scenario(), name -> valueMap(row.result().scenario()));
        }
        document.put("scenarios", scenarios);
        document.put("runs", rows.stream().map(row -> fields(row, headrooms)).toList());
        document.put("aggregates", aggregates.stream().map(ResultsWriter::fields).toList());
        document.put("comparisons", comparisons.stream().map(ResultsWriter::fields).toList());
        document.put("headroom", headrooms.json());
        writeAtomically(file, JSON.writeValueAsBytes(document));
    }

    /** The CSV holds the scalar fields of each row; lists (per-episode summaries, node loads, latency bins) are in the JSON. */
    static void writeCsv(Path file, List<RunRow> rows, Headrooms headrooms) throws IOException {
        List<Map<String, Object>> flat = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (RunRow row : rows) {
            Map<String, Object> cells = new LinkedHashMap<>();
            flatten("", fields(row, headrooms), cells);
            columns.addAll(cells.keySet());
            flat.add(cells);
        }
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", columns.stream().map(ResultsWriter::csvCell).toList())).append("\r\n");
        for (Map<String, Object> cells : flat) {
            List<String> line = new ArrayList<>(columns.size());
            for (String column : columns) {
                line.add(csvCell(cells.get(column)));
            }
            csv.append(String.join(",", line)).append("\r\n");
        }
        writeAtomically(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A run's row with the headroom of its scenario and seed, after who ran and how it ended. */
    private static Map<String, Object> fields(RunRow row, Headrooms headrooms) {
        Map<String, Object> fields = new LinkedHashMap<>();
        row.fields().forEach((key, value) -> {
            fields.put(key, value);
            if (key.equals("error")) {
                fields.put("headroom", headrooms.runFields(row.scenario(), row.seed()));
            }
        });
        return fields;
    }

    static Map<String, Object> fields(Aggregate a) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scenario", a.scenario());
        fields.put("policy", a.policy());
        fields.put("runs", a.runs());
        fields.put("failedRuns", a.failedRuns());
        fields.put("successRate", interval(a.successRate()));
        fields.put("decisionMeanUs", interval(a.decisionMeanUs()));
        fields.put("decisionP50Us", interval(a.decisionP50Us()));
        fields.put("decisionP99Us", finite(a.decisionP99Us()));
        fields.put("tasks", a.tasks());
        fields.put("failures", new LinkedHashMap<>(new java.util.TreeMap<>(a.failures())));
        return fields;
    }

    static Map<String, Object> fields(Comparison c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scenario", c.scenario());
        fields.put("policy", c.policy());
        fields.put("reference", c.reference());
        fields.put("successRateDifference", interval(c.difference()));
        return fields;
    }

    /** Mean and 95% CI: {@code n, mean, stdDev, ci95HalfWidth, ci95Lower, ci95Upper}. */
    static Map<String, Object> interval(Interval interval) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("n", interval.n());
        fields.put("mean", finite(interval.mean()));
        fields.put("stdDev", finite(interval.stdDev()));
        fields.put("ci95HalfWidth", finite(interval.halfWidth()));
        fields.put("ci95Lower", finite(interval.lower()));
        fields.put("ci95Upper", finite(interval.upper()));
        return fields;
    }

    /**
     * A record (or any bean) as an ordered map of its properties, nested values as maps, NaN and
     * infinite numbers as null.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> valueMap(Object value) {
        return (Map<String, Object>) nonFinite(JSON.convertValue(value, LinkedHashMap.class));
    }

    private static Object nonFinite(Object value) {
        if (value instanceof Double d) {
            return finite(d);
        }
        if (value instanceof Float f) {
            return finite(f);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, nonFinite(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ResultsWriter::nonFinite).toList();
        }
        return value;
    }

    /** The value, or null when it is NaN or infinite (JSON has no such numbers). */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else if (!(entry.getValue() instanceof List<?>)) {
                into.put(key, entry.getValue());
            }
        }
    }

    static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%s", d) : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // a plain new file (not createTempFile, which is private to its owner) so results stay readable by others
        Path temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
