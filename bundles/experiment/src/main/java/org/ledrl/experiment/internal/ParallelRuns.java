package org.ledrl.experiment.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ledrl.api.command.ProgressBar;
import org.ledrl.sim.Scenario;

/**
 * Runs an experiment's jobs on a fixed pool of threads. A job that throws becomes a failed row that
 * names the error; the other jobs go on. Rows come back in job order whatever order the jobs finish
 * in, so the output depends only on the jobs, and each job is deterministic given its seed.
 */
final class ParallelRuns {

    /** One run to make: a policy on a scenario with a seed. */
    record Job(Scenario scenario, String policy, long seed) {
    }

    /** Makes one run; a thrown exception fails only that run. */
    @FunctionalInterface
    interface Driver {
        RunRow run(Job job) throws Exception;
    }

    private ParallelRuns() {
    }

    static List<RunRow> runAll(List<Job> jobs, Driver driver, int threads, ProgressBar progress)
            throws InterruptedException {
        warmUp(jobs, driver);
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, jobs.size())), r -> {
            Thread thread = new Thread(r, "experiment-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RunRow>> futures = new ArrayList<>(jobs.size());
            for (Job job : jobs) {
                futures.add(pool.submit(() -> {
                    RunRow row = runOne(job, driver);
                    progress.step(job.policy() + " on " + job.scenario().name() + " seed " + job.seed()
                            + (row.ok() ? "" : " FAILED"));
                    return row;
                }));
            }
            List<RunRow> rows = new ArrayList<>(jobs.size());
            for (Future<RunRow> future : futures) {
                try {
                    rows.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a run escaped its error handling", e.getCause());
                }
            }
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Makes each policy's first job once and throws the row away, before any run is measured: otherwise the first
     * runs of each thread pay for compiling the policy's code, the prior's and the simulator's, and their decision
     * time p99 is that of a cold start (about twice the others' at 20 nodes), not the policy's. The runs are
     * isolated and deterministic, so no row changes but for its timings. It costs one run per policy (with an LLM
     * provider, that run's prompts too).
     */
    static void warmUp(List<Job> jobs, Driver driver) {
        Map<String, Job> first = new LinkedHashMap<>();
        for (Job job : jobs) {
            first.putIfAbsent(job.policy(), job);
        }
        first.values().forEach(job -> runOne(job, driver));
    }

    static RunRow runOne(Job job, Driver driver) {
        try {
            return driver.run(job);
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            return RunRow.failed(job.scenario(), job.policy(), job.seed(), describe(e));
        }
    }

    /**
     * The error, its root cause, and where that came from, on one line:
     * {@code IllegalStateException: boom (at org.example.Foo.decide(Foo.java:12))}.
     */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = oneLine(error);
        if (root != error) {
            text += "; caused by " + oneLine(root);
        }
        StackTraceElement[] trace = root.getStackTrace();
        return trace.length == 0 ? text : text + " (at " + trace[0] + ")";
    }

    private static String oneLine(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
