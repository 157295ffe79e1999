package org.ledrl.experiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ledrl.api.command.ProgressBar;
import org.junit.jupiter.api.Test;

class ParallelRunsTest {

    @Test
    void aJobThatThrowsFailsAloneAndRowsKeepJobOrder() throws Exception {
        List<ParallelRuns.Job> jobs = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            jobs.add(new ParallelRuns.Job(Rows.scenario("s"), seed % 2 == 0 ? "even" : "odd", seed));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<RunRow> rows;
        try (ProgressBar progress = new ProgressBar(new PrintStream(log, true, StandardCharsets.UTF_8), false, "test",
                jobs.size())) {
            rows = ParallelRuns.runAll(jobs, job -> {
                if (job.seed() == 4) {
                    throw new IllegalArgumentException("no seed 4", new ArithmeticException("root"));
                }
                return Rows.run("s", job.policy(), job.seed(), 1.0, 0.5);
            }, 3, progress);
        }
        assertEquals(8, rows.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(i + 1, rows.get(i).seed());
            assertEquals(jobs.get(i).policy(), rows.get(i).policy());
            assertEquals(i + 1 != 4, rows.get(i).ok());
        }
        String error = rows.get(3).error();
        assertTrue(error.startsWith("IllegalArgumentException: no seed 4; caused by ArithmeticException: root (at "),
                error);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("test 8/8"), "progress reaches the total");
    }

    /** Each policy's first job runs once before every measured run, and its row is thrown away. */
    @Test
    void eachPolicysFirstJobRunsOnceUnmeasuredBeforeTheRuns() throws Exception {
        List<ParallelRuns.Job> jobs = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            jobs.add(new ParallelRuns.Job(Rows.scenario("s"), seed <= 3 ? "a" : "b", seed));
        }
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        List<RunRow> rows;
        try (ProgressBar progress = new ProgressBar(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), false, "test", jobs.size())) {
            rows = ParallelRuns.runAll(jobs, job -> {
                calls.add(job.policy() + job.seed());
                return Rows.run("s", job.policy(), job.seed(), 1.0, 0.5);
            }, 1, progress);
        }
        assertEquals(List.of("a1", "b4", "a1", "a2", "a3", "b4", "b5", "b6"), calls);
        assertEquals(6, rows.size(), "warm-up rows are not among the results");
        for (int i = 0; i < 6; i++) {
            assertEquals(i + 1, rows.get(i).seed());
        }
    }
}
