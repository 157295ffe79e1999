package org.ledrl.api.command;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress of long work: a bar redrawn in place on a terminal, a plain log line every few seconds
 * otherwise (so logs of headless runs stay readable). Shows done/total, elapsed and remaining
 * time, and a short status text. Thread-safe.
 */
public final class ProgressBar implements AutoCloseable {

    private static final long LOG_EVERY_NANOS = 5_000_000_000L;
    private static final long REDRAW_EVERY_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastPrintNanos;
    private String status = "";

    public ProgressBar(CommandContext context, String label, long total) {
        this(context.err(), context.terminal(), label, total);
    }

    public ProgressBar(PrintStream out, boolean terminal, String label, long total) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = Math.max(1, total);
    }

    /** Marks {@code n} more units done, with a status text shown after the counts. */
    public synchronized void step(long n, String status) {
        done = Math.min(total, done + n);
        this.status = status == null ? "" : status;
        long now = System.nanoTime();
        long every = terminal ? REDRAW_EVERY_NANOS : LOG_EVERY_NANOS;
        if (done == total || now - lastPrintNanos >= every) {
            lastPrintNanos = now;
            print(now);
        }
    }

    public void step(String status) {
        step(1, status);
    }

    private void print(long now) {
        Duration elapsed = Duration.ofNanos(now - startNanos);
        String remaining = done == 0 ? "?" : format(Duration.ofNanos((now - startNanos) * (total - done) / done));
        String counts = String.format("%s %d/%d  elapsed %s  remaining %s  %s", label, done, total, format(elapsed),
                remaining, status);
        if (terminal) {
            int filled = (int) (WIDTH * done / total);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + counts + "\u001b[K");
        } else {
            out.println(counts);
        }
        out.flush();
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    /** Ends the bar's line on a terminal. */
    @Override
    public synchronized void close() {
        if (terminal) {
            out.println();
            out.flush();
        }
    }
}
