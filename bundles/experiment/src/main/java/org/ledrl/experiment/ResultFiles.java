package org.ledrl.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ledrl.sim.RunResult;

/**
 * Writes runs measured elsewhere (e.g. by the emulator) as the experiment command writes its own:
 * {@code results.json} (settings, scenarios, one row per run, one aggregate per scenario and policy) and
 * {@code results.csv} (the rows, flattened), so that the experiment's tables and charts read them. No headroom
 * and no paired comparisons: those need the simulator's own runs.
 */
public final class ResultFiles {

    public static final String JSON = "results.json";
    public static final String CSV = "results.csv";

    private ResultFiles() {
    }

    /** Writes {@value #JSON} and {@value #CSV} into {@code folder}, each atomically. */
    public static void write(Path folder, Map<String, Object> settings, List<RunResult> runs) throws IOException {
        org.ledrl.experiment.internal.ResultFileWriter.write(folder, settings, runs);
    }
}
