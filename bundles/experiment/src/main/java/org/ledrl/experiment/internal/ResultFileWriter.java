package org.ledrl.experiment.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ledrl.sim.RunResult;

/** What {@link org.ledrl.experiment.ResultFiles} does: the rows, their aggregates, no headroom, no comparisons. */
public final class ResultFileWriter {

    private ResultFileWriter() {
    }

    public static void write(Path folder, Map<String, Object> settings, List<RunResult> runs) throws IOException {
        Files.createDirectories(folder);
        List<RunRow> rows = runs.stream().map(RunRow::ok).toList();
        List<String> scenarios = rows.stream().map(RunRow::scenario).distinct().toList();
        List<String> policies = rows.stream().map(RunRow::policy).distinct().toList();
        Headrooms none = new Headrooms(Map.of());
        ResultsWriter.writeJson(folder.resolve(Report.JSON), settings, rows,
                Aggregator.aggregate(rows, scenarios, policies), List.of(), none);
        ResultsWriter.writeCsv(folder.resolve(Report.CSV), rows, none);
    }
}
