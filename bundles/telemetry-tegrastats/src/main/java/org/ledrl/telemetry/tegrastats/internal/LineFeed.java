package org.ledrl.telemetry.tegrastats.internal;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Where tegrastats lines come from: the tool's output ({@link CommandFeed}) or a log file or named
 * pipe ({@link FileFeed}). {@link #pump} delivers whole lines until the source ends or
 * {@link #stop} is called; the caller decides when to pump again.
 */
interface LineFeed {

    /** Delivers lines until the source ends; returns how many were delivered. */
    long pump(Consumer<String> lines) throws IOException, InterruptedException;

    /** Makes a running {@link #pump} return soon. Called from another thread. */
    void stop();

    /** For log messages: what is read. */
    String describe();
}
