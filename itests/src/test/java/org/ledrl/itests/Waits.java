package org.ledrl.itests;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for asynchronous platform work (File Install, Config Admin) with a deadline, never a bare sleep. */
final class Waits {

    private static final long POLL_MILLIS = 10;

    private Waits() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} and its last state after {@code timeoutMillis}. */
    static void await(String what, long timeoutMillis, BooleanSupplier condition, Supplier<?> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeoutMillis + " ms; now: " + state.get());
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }
}
