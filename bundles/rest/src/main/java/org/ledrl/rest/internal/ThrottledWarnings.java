package org.ledrl.rest.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * At most one WARN line per kind of bad request per minute, with the count since the last line: a
 * flaky link or a hostile client cannot fill the log. The kinds are a fixed set of constants, so
 * the map stays as small as the set.
 */
final class ThrottledWarnings {

    static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    ThrottledWarnings(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
    }

    /** Counts one request of this kind; logs the count when the kind's last line is a minute old (or there was none). */
    void count(String kind, String what) {
        Window window = windows.computeIfAbsent(kind, k -> new Window());
        long now = nanoClock.getAsLong();
        long count;
        synchronized (window) {
            window.count++;
            if (window.loggedAt != Long.MIN_VALUE && now - window.loggedAt < PERIOD_NANOS) {
                return;
            }
            count = window.count;
            window.count = 0;
            window.loggedAt = now;
        }
        log.warn("REST: {} request(s) {} since the last such line (at most one line a minute)", count, what);
    }

    private static final class Window {
        long count;
        long loggedAt = Long.MIN_VALUE;
    }
}
