package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A running {@code bin/ledrl}: its standard output and error are read as they come, tests wait
 * for a line or for the exit with a deadline, and closing it kills whatever is still running.
 * {@code bin/ledrl} execs the JVM, so the process is the platform itself and {@link #terminate()}
 * sends it SIGTERM.
 */
final class LedrlProcess implements AutoCloseable {

    /** A finished run: exit status and everything it printed. */
    record Result(int exitStatus, String stdout, String stderr) {

        String all() {
            return stdout + "\n" + stderr;
        }

        /** For assertion messages: enough to see what went wrong. */
        String describe() {
            return "exit status " + exitStatus + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** Lines that must not appear during a normal start, command or stop: errors and stack traces. */
    static final Pattern PROBLEM = Pattern.compile(String.join("|",
            "\\[ERROR]", "\\[SEVERE]", "\\[felix] ERROR",          // SLF4J, java.util.logging, Felix
            "^Exception in thread", "^(Caused by: )?[\\w.$]+(Exception|Error)(: |$)", // a stack trace's head
            "^\\s+at [\\w.$/]+\\("));                               // and its frames

    private final String commandLine;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    LedrlProcess(String commandLine, Process process) {
        this.commandLine = commandLine;
        this.process = process;
        this.stdoutReader = reader(process.getInputStream(), stdout, "stdout");
        this.stderrReader = reader(process.getErrorStream(), stderr, "stderr");
    }

    private Thread reader(InputStream stream, List<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process is gone: what was read is all there is
            }
        }, "ledrl-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits for a line of standard output or error that matches, and returns it; fails with
     * everything printed so far when none comes within {@code deadline} or the process ends first.
     */
    String awaitLine(Predicate<String> wanted, String what, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        int seenOut = 0;
        int seenErr = 0;
        synchronized (this) {
            while (true) {
                for (; seenOut < stdout.size(); seenOut++) {
                    if (wanted.test(stdout.get(seenOut))) {
                        return stdout.get(seenOut);
                    }
                }
                for (; seenErr < stderr.size(); seenErr++) {
                    if (wanted.test(stderr.get(seenErr))) {
                        return stderr.get(seenErr);
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    fail("no " + what + " within " + deadline.toSeconds() + " s from " + commandLine + "\n" + printed());
                }
                if (!process.isAlive() && !stdoutReader.isAlive() && !stderrReader.isAlive()) {
                    fail("no " + what + ": " + commandLine + " ended with status " + process.exitValue() + "\n"
                            + printed());
                }
                // woken by every new line; the bound re-checks whether the process ended
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        }
    }

    /**
     * Sends SIGTERM, the way a service manager stops the platform. Through the process handle:
     * {@link Process#destroy()} also closes the pipes, and what the platform prints while it
     * stops would be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the process to end and its output to be read; kills it and fails after {@code deadline}. */
    Result awaitExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(commandLine + " did not end within " + deadline.toSeconds() + " s\n" + printed());
            }
            stdoutReader.join(deadline.toMillis());
            stderrReader.join(deadline.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for " + commandLine);
        }
        synchronized (this) {
            return new Result(process.exitValue(), String.join("\n", stdout), String.join("\n", stderr));
        }
    }

    /** Lines printed after the first {@code outFrom} of standard output and {@code errFrom} of standard error. */
    synchronized List<String> linesSince(int outFrom, int errFrom) {
        List<String> lines = new ArrayList<>(stdout.subList(Math.min(outFrom, stdout.size()), stdout.size()));
        lines.addAll(stderr.subList(Math.min(errFrom, stderr.size()), stderr.size()));
        return lines;
    }

    /** How many lines each stream has printed: {standard output, standard error}. */
    synchronized int[] mark() {
        return new int[] {stdout.size(), stderr.size()};
    }

    private synchronized String printed() {
        return "--- stdout ---\n" + String.join("\n", stdout) + "\n--- stderr ---\n" + String.join("\n", stderr);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
