package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ledrl-footprint, the edge footprint bench, runs and reports what it measured (the figures
 * themselves are the bench's to report, not a test's to time), and refuses a bad option.
 */
class FootprintBenchIT {

    private static final Pattern MEDIAN = Pattern.compile(
            "median of 1 starts \\(profile edge\\): ready in (\\d+\\.\\d+) s, RSS (\\d+\\.\\d) MB at ready, "
                    + "(\\d+\\.\\d) MB 0 s later");

    @TempDir
    Path folder;

    @Test
    void measuresAStartAndRefusesABadOption() throws Exception {
        Installation installation = Installation.copyInto(folder);
        Path bench = installation.home().resolve("bin/ledrl-footprint");

        LedrlProcess.Result result = Host.start(Map.of(), List.of(bench.toString(), "--runs", "1", "--settle", "0"))
                .awaitExit(Duration.ofSeconds(120));

        assertEquals(0, result.exitStatus(), result::describe);
        Matcher median = MEDIAN.matcher(result.stdout());
        assertTrue(median.find(), result.describe());
        assertTrue(Double.parseDouble(median.group(1)) > 0 && Double.parseDouble(median.group(2)) > 0, median.group());

        LedrlProcess.Result bad = Host.start(Map.of(), List.of(bench.toString(), "--runs", "0"))
                .awaitExit(Duration.ofSeconds(10));
        assertEquals(2, bad.exitStatus(), bad::describe);
        assertTrue(bad.stderr().contains("--runs must be a whole number"), bad.describe());
    }
}
