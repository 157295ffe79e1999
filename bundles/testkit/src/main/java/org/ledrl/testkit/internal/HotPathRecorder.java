package org.ledrl.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Finds I/O and blocking on a hot path with JDK Flight Recorder: the JDK itself reports each file read or write,
 * socket read or write, sleep, monitor wait and park, with the thread that did it, at any duration (threshold
 * zero). The work runs on a thread of its own and only that thread's events count. Unlike sampling thread states
 * (a thread in a socket read is RUNNABLE) this sees every call, however short, and needs no security manager or
 * wrapped streams. Class loading reads jars too: run the work once before recording so that its classes are
 * loaded.
 */
public final class HotPathRecorder {

    private static final List<String> EVENTS = List.of("jdk.FileRead", "jdk.FileWrite", "jdk.FileForce",
            "jdk.SocketRead", "jdk.SocketWrite", "jdk.ThreadSleep", "jdk.JavaMonitorWait", "jdk.ThreadPark");

    private HotPathRecorder() {
    }

    /** What the work did that a hot path must not: one line per event (kind, target, where), empty when nothing. */
    public static List<String> blockingCalls(Runnable work) {
        Path file = null;
        try (Recording recording = new Recording()) {
            for (String event : EVENTS) {
                recording.enable(event).withThreshold(Duration.ZERO).withStackTrace();
            }
            recording.start();
            Thread worker = new Thread(work, "ledrl-testkit-hot-path");
            Throwable[] failure = new Throwable[1];
            worker.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
            worker.start();
            worker.join(Duration.ofMinutes(1).toMillis());
            recording.stop();
            if (failure[0] != null) {
                throw new IllegalStateException("the hot path threw " + failure[0], failure[0]);
            }
            file = Files.createTempFile("ledrl-testkit-", ".jfr");
            recording.dump(file);
            List<String> calls = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getThread() != null && event.getThread().getJavaThreadId() == worker.getId()) {
                    calls.add(describe(event));
                }
            }
            return calls;
        } catch (IOException e) {
            throw new IllegalStateException("cannot record the hot path with Flight Recorder: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the hot path", e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static String describe(RecordedEvent event) {
        String kind = event.getEventType().getName().substring("jdk.".length());
        String target = "";
        for (String field : List.of("path", "host", "address", "monitorClass", "parkedClass")) {
            if (event.hasField(field) && event.getValue(field) != null) {
                Object value = event.getValue(field);
                target = " " + (value instanceof jdk.jfr.consumer.RecordedClass c ? c.getName() : value);
                break;
            }
        }
        String where = event.getStackTrace() == null ? "" : event.getStackTrace().getFrames().stream()
                .filter(RecordedFrame::isJavaFrame)
                .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                .filter(m -> !m.startsWith("java.") && !m.startsWith("jdk.") && !m.startsWith("sun."))
                .limit(3)
                .collect(Collectors.joining(" < "));
        return kind.toLowerCase(Locale.ROOT) + target + (where.isEmpty() ? "" : " at " + where);
    }
}
