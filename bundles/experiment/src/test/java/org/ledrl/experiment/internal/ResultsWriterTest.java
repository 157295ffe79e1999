package org.ledrl.experiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.sim.Headroom;

class ResultsWriterTest {

    @TempDir
    Path dir;

    private final List<RunRow> rows = List.of(
            Rows.run("paper-10", "ratc", 1, 12.5, 0.5, 0.7),
            Rows.run("paper-10", "ratc", 2, 13.5, 0.6, 0.8),
            Rows.failed("paper-10", "broken", 1, "IllegalStateException: bad, \"quoted\" value"));

    /** The bound of paper-10: 90 of 100 tasks with seed 1, 75 of 100 with seed 2; seed 3 not measured. */
    private final Headrooms headrooms = new Headrooms(Map.of("paper-10", new TreeMap<>(Map.of(
            1L, Headroom.of(List.of(new Headroom.Episode(50, 46), new Headroom.Episode(50, 44))),
            2L, Headroom.of(List.of(new Headroom.Episode(100, 75)))))));

    @Test
    void jsonHasOneRowPerRunAndTheAggregateWithItsInterval() throws Exception {
        List<Aggregate> aggregates = Aggregator.aggregate(rows, List.of("paper-10"), List.of("ratc", "broken"));
        Path file = dir.resolve("results.json");
        ResultsWriter.writeJson(file, Map.of("seeds", List.of(1, 2)), rows, aggregates, List.of(), headrooms);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(3, json.get("runs").size());
        JsonNode first = json.get("runs").get(0);
        assertEquals("ratc", first.get("policy").asText());
        assertEquals(1, first.get("seed").asLong());
        assertEquals("ok", first.get("status").asText());
        assertEquals(0.6, first.get("total").get("successRate").asDouble(), 1e-12);
        assertEquals(80, first.get("total").get("failures").get("DEADLINE_MISSED").asLong());
        assertEquals(2, first.get("episodes").size(), "the per-episode summaries are there");
        assertEquals(2, first.get("latencyHistogram").size());
        assertEquals("paper-10", json.get("scenarios").get("paper-10").get("name").asText());
        JsonNode failed = json.get("runs").get(2);
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("error").asText().contains("IllegalStateException"));
        assertTrue(failed.get("total").get("successRate").isNull(), "NaN is written as null");

        JsonNode ratc = json.get("aggregates").get(0);
        assertEquals(0.65, ratc.get("successRate").get("mean").asDouble(), 1e-12);
        double half = ratc.get("successRate").get("ci95HalfWidth").asDouble();
        assertEquals(12.7062 * Math.sqrt(0.005) / Math.sqrt(2), half, 1e-9);
        assertEquals(0.65 - half, ratc.get("successRate").get("ci95Lower").asDouble(), 1e-12);
        assertEquals(1, json.get("aggregates").get(1).get("failedRuns").asInt());

        JsonNode headroom = json.get("headroom").get("paper-10");
        assertEquals(0.825, headroom.get("rate").get("mean").asDouble(), 1e-12, "the mean of 0.9 and 0.75");
        assertEquals(2, headroom.get("rate").get("n").asInt());
        assertEquals(200, headroom.get("tasks").asLong());
        assertEquals(165, headroom.get("feasibleTasks").asLong());
        assertEquals(2, headroom.get("seeds").get(1).get("seed").asLong());
        assertEquals(0.75, headroom.get("seeds").get(1).get("rate").asDouble(), 1e-12);
        assertEquals(0.9, first.get("headroom").get("rate").asDouble(), 1e-12, "each run carries its seed's bound");
        assertEquals(90, failed.get("headroom").get("feasibleTasks").asLong(), "a failed run too");
    }

    @Test
    void csvHasTheSameRowsWithNestedValuesFlattened() throws Exception {
        Path file = dir.resolve("results.csv");
        ResultsWriter.writeCsv(file, rows, headrooms);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(4, lines.size());
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals(List.of("scenario", "policy", "seed", "status", "error"), header.subList(0, 5));
        assertTrue(header.contains("total.successRate"), header.toString());
        assertTrue(header.contains("total.failures.DEADLINE_MISSED"));
        assertTrue(header.stream().noneMatch(c -> c.startsWith("episodes")), "lists stay in the JSON");
        String[] first = lines.get(1).split(",");
        assertEquals("0.6", first[header.indexOf("total.successRate")]);
        assertEquals("80", first[header.indexOf("total.failures.DEADLINE_MISSED")]);
        assertEquals("0.9", first[header.indexOf("headroom.rate")]);
        assertEquals("100", first[header.indexOf("headroom.tasks")]);
        assertEquals("75", lines.get(2).split(",")[header.indexOf("headroom.feasibleTasks")]);
        assertTrue(lines.get(3).contains("\"IllegalStateException: bad, \"\"quoted\"\" value\""), lines.get(3));
    }

    @Test
    void csvCellsQuoteOnlyWhatNeedsIt() {
        assertEquals("plain", ResultsWriter.csvCell("plain"));
        assertEquals("\"a,b\"", ResultsWriter.csvCell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", ResultsWriter.csvCell("say \"hi\""));
        assertEquals("", ResultsWriter.csvCell(null));
        assertEquals("0.25", ResultsWriter.csvCell(0.25));
    }

    @Test
    void rewritingReplacesTheFileWholeAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("results.csv");
        ResultsWriter.writeCsv(file, rows, headrooms);
        ResultsWriter.writeCsv(file, rows.subList(0, 1), headrooms);
        assertEquals(2, Files.readAllLines(file).size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
