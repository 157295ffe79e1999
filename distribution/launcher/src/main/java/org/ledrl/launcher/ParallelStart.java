package org.ledrl.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Starts the bundles of one start level (the plugins') on more than one thread. The framework starts a level's
 * bundles one after the other, in install order, on its start-level thread; bundles of one level have no start
 * order promise, so once the framework has reached that level (its first bundle there is starting), helper threads
 * start the same bundles from the other end of the list until they meet the framework's thread.
 *
 * <p>The framework still visits every bundle of the level (it passes one a helper has started), and the level's last
 * bundle is always its own: when that one starts, its thread waits until the helpers have finished their bundles,
 * components and all. So its STARTED event still comes only when the whole level has started, start levels stay what
 * {@code conf/config.properties} says, and a bundle that fails to start is reported by the framework as before: a
 * helper that fails on one leaves it to the framework's thread, which tries it and logs why it failed.
 */
final class ParallelStart implements SynchronousBundleListener {

    /** Threads that start the plugins' level, the framework's own one included; 1 starts them on its thread only. */
    static final String THREADS_KEY = "ledrl.start.threads";
    private static final int MAX_DEFAULT_THREADS = 4;
    /** The longest the framework's thread waits for the helpers (a bundle that hangs in its start is not waited out). */
    private static final long HELPERS_TIMEOUT_SECONDS = 60;

    private final BundleContext context;
    private final int level;
    private final int helpers;
    /** The level's bundles not started yet, in install order: the framework takes the front, helpers the back. */
    private final ConcurrentLinkedDeque<Bundle> waiting;
    /** The level's last bundle, left to the framework: when it starts, the framework waits for the helpers. */
    private final Bundle last;
    private final AtomicBoolean begun = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    private ParallelStart(BundleContext context, int level, int threads, Collection<Bundle> bundles) {
        this.context = context;
        this.level = level;
        this.helpers = threads - 1;
        List<Bundle> inOrder = List.copyOf(bundles);
        this.last = inOrder.get(inOrder.size() - 1);
        this.waiting = new ConcurrentLinkedDeque<>(inOrder.subList(0, inOrder.size() - 1));
    }

    /**
     * Listens for the framework reaching the plugins' start level ({@code felix.startlevel.bundle}) and then helps
     * start the bundles of {@code installed} at that level (fragments left out, in install order) on {@code threads}
     * threads in all; null when one thread is asked for or there is nothing to share.
     */
    static ParallelStart of(BundleContext context, List<Bundle> installed, StartLevels startLevels, int threads) {
        int level = startLevels.defaultLevel();
        List<Bundle> bundles = installed.stream()
                .filter(b -> startLevels.levelOf(b.getSymbolicName()) == level)
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .toList();
        if (threads < 2 || bundles.size() < 2) {
            return null;
        }
        ParallelStart start = new ParallelStart(context, level, threads, bundles);
        context.addBundleListener(start);
        return start;
    }

    /** {@value #THREADS_KEY} from {@code conf/config.properties}; by default the processors, at most four. */
    static int threads(Map<String, String> config) throws LaunchException {
        String text = config.get(THREADS_KEY);
        if (text == null || text.isBlank()) {
            return Math.min(MAX_DEFAULT_THREADS, Runtime.getRuntime().availableProcessors());
        }
        return ConfigFile.atLeastOne(THREADS_KEY, text, "a number of threads");
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() != BundleEvent.STARTING) {
            return;
        }
        Bundle bundle = event.getBundle();
        waiting.remove(bundle);
        if (bundle.equals(last)) {
            // the framework's thread has visited every other bundle of the level: it goes on (and reports the level
            // started) only once the helpers have finished theirs, components included
            awaitHelpers();
            return;
        }
        if (bundle.adapt(BundleStartLevel.class).getStartLevel() == level && reached() && begun.compareAndSet(false,
                true)) {
            synchronized (threads) {
                for (int i = 1; i <= helpers; i++) {
                    Thread thread = new Thread(this::help, "ledrl-start-" + i);
                    thread.setDaemon(true);
                    threads.add(thread);
                    thread.start();
                }
            }
        }
    }

    private boolean reached() {
        return context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel() >= level;
    }

    private void help() {
        Bundle bundle;
        while ((bundle = waiting.pollLast()) != null && reached()) {
            if ((bundle.getState() & (Bundle.INSTALLED | Bundle.RESOLVED)) == 0) {
                continue;
            }
            try {
                // transient: the bundle is already marked to start (at install); a plain start() from another thread
                // than the framework's would only queue it behind the level change in progress
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException | IllegalStateException e) {
                // the framework's thread tries it too, and reports why it failed
            }
        }
    }

    private void awaitHelpers() {
        List<Thread> started;
        synchronized (threads) {
            started = List.copyOf(threads);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HELPERS_TIMEOUT_SECONDS);
        try {
            for (Thread thread : started) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Once the framework has started: stops listening (the helpers have ended before the level's last bundle). */
    void finish() {
        context.removeBundleListener(this);
        awaitHelpers();
    }
}
