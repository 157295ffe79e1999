package org.ledrl.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Where a start's time goes, bundle by bundle, for {@code -Dledrl.start.times=true}: the time from one bundle's
 * start to the next one's is charged to the first (its activator, its components, and the components of other
 * bundles that its services let activate). Printed after the ready line, the slowest first.
 */
final class StartTimes implements SynchronousBundleListener {

    static final String PROPERTY = "ledrl.start.times";
    private static final int SHOWN = 15;

    private record Span(String bundle, long startNanos) {
    }

    private final List<Span> spans = new ArrayList<>();
    private final long createdNanos = System.nanoTime();

    static boolean wanted() {
        return Boolean.getBoolean(PROPERTY);
    }

    @Override
    public synchronized void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTING) {
            spans.add(new Span(event.getBundle().getSymbolicName(), System.nanoTime()));
        }
    }

    /** Prints the slowest bundles' shares of the start, up to now (the framework has started). */
    synchronized void print(PrintStream err) {
        long end = System.nanoTime();
        List<long[]> times = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            long next = i + 1 < spans.size() ? spans.get(i + 1).startNanos() : end;
            times.add(new long[] {i, next - spans.get(i).startNanos()});
        }
        long first = spans.isEmpty() ? end : spans.get(0).startNanos();
        StringBuilder line = new StringBuilder(String.format(
                "ledrl: start times: %d ms before the first bundle started (from the launcher), %d ms starting %d bundles;",
                (first - createdNanos) / 1_000_000, (end - first) / 1_000_000, spans.size()));
        times.stream().sorted(Comparator.comparingLong((long[] t) -> t[1]).reversed()).limit(SHOWN)
                .forEach(t -> line.append(String.format(" %s %d ms,", spans.get((int) t[0]).bundle(), t[1] / 1_000_000)));
        line.setLength(line.length() - 1);
        err.println(line);
    }
}
