package org.ledrl.telemetry;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits in tests for something that happens on another thread, up to a deadline; never a fixed sleep. */
public final class Await {

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; fails with {@code description} and its state when the deadline passes. */
    public static void until(Duration deadline, String description, BooleanSupplier condition, Supplier<?> state) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within " + deadline.toMillis() + " ms: " + description + "; state: " + state.get());
            }
            try {
                Thread.sleep(10); // polling interval, not a wait for a fixed time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + description, e);
            }
        }
    }
}
