package org.ledrl.ml.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Garbage collections one after the other on a thread of its own until closed, with small direct buffers made and
 * dropped in between (their native memory is freed, and taken again, after each collection): whatever native memory
 * a Java object owns and nobody holds any more is freed within milliseconds, wherever the code under test is.
 */
public final class GarbageStorm implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger collections = new AtomicInteger();
    private final Thread thread;

    public GarbageStorm() {
        thread = new Thread(() -> {
            while (running.get()) {
                for (int i = 0; i < 64; i++) {
                    ByteBuffer.allocateDirect(4 * (1 + i % 8)).putFloat(0, 1e6f);
                }
                System.gc();
                collections.incrementAndGet();
            }
        }, "garbage-storm");
        thread.setDaemon(true);
        thread.start();
    }

    public int collections() {
        return collections.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
