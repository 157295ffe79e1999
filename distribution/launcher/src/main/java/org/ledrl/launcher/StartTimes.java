package org.ledrl.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Where a start's time goes, bundle by bundle, for {@code -Dledrl.start.times=true}: the time from one bundle's
 * start to the next one's on the same thread is charged to the first (its activator, its components, and the
 * components of other bundles that its services let activate); a thread's last bundle is charged until it has
 * started. The plugins' bundles start on more than one thread ({@link ParallelStart}), so the shares add up to more
 * than the wall time. Printed after the ready line, the slowest first.
 */
final class StartTimes implements SynchronousBundleListener {

    static final String PROPERTY = "ledrl.start.times";
    private static final int SHOWN = 15;

    private record Span(String bundle, long startNanos, Thread thread) {
    }

    private final List<Span> spans = new ArrayList<>();
    /** When each thread last saw a bundle started: the end of its last bundle's share. */
    private final Map<Thread, Long> lastStarted = new HashMap<>();
    private final long createdNanos = System.nanoTime();

    static boolean wanted() {
        return Boolean.getBoolean(PROPERTY);
    }

    @Override
    public synchronized void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTING) {
            spans.add(new Span(event.getBundle().getSymbolicName(), System.nanoTime(), Thread.currentThread()));
        } else if (event.getType() == BundleEvent.STARTED) {
            lastStarted.put(Thread.currentThread(), System.nanoTime());
        }
    }

    /** Prints the slowest bundles' shares of the start, up to now (the framework has started). */
    synchronized void print(PrintStream err) {
        long end = System.nanoTime();
        List<long[]> times = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            long next = Math.max(span.startNanos(), lastStarted.getOrDefault(span.thread(), end));
            for (int j = i + 1; j < spans.size(); j++) {
                if (spans.get(j).thread() == span.thread()) {
                    next = spans.get(j).startNanos();
                    break;
                }
            }
            times.add(new long[] {i, next - span.startNanos()});
        }
        long first = spans.isEmpty() ? end : spans.get(0).startNanos();
        StringBuilder line = new StringBuilder(String.format(
                "ledrl: start times: %d ms before the first bundle started (from the launcher), %d ms starting %d bundles "
                        + "on %d thread%s;", (first - createdNanos) / 1_000_000, (end - first) / 1_000_000, spans.size(),
                threads(), threads() == 1 ? "" : "s"));
        times.stream().sorted(Comparator.comparingLong((long[] t) -> t[1]).reversed()).limit(SHOWN)
                .forEach(t -> line.append(String.format(" %s %d ms,", spans.get((int) t[0]).bundle(), t[1] / 1_000_000)));
        line.setLength(line.length() - 1);
        err.println(line);
    }

    private long threads() {
        return spans.stream().map(Span::thread).distinct().count();
    }
}
