package org.ledrl.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Jetty's own defect, not this project's (jetty/jetty.project#12939, open for Jetty 12.0.x): now and then, on a
 * connection whose request body broke off, Jetty releases its request buffer twice, and its thread pool logs "Job
 * failed" with an {@code IllegalStateException: already released} and its stack. The client has had its answer by
 * then. Log checks count such a block apart; any other stack frame still fails them.
 */
final class JettyBufferRace {

    private static final String JOB_FAILED = "QueuedThreadPool - Job failed";
    private static final String ALREADY_RELEASED = "java.lang.IllegalStateException: already released";
    private static final String RELEASE_FRAME = "HttpConnection.releaseRequestBuffer";

    private JettyBufferRace() {
    }

    /** The log lines split into the blocks of this race and all the others, in order. */
    record Split(List<String> ours, int races) {
    }

    /**
     * Splits log lines. A block of the race is the pool's "Job failed" line, the exception (on the same line or the
     * next), and its frames, one of which passes through Jetty's request buffer release; anything else stays.
     */
    static Split split(List<String> lines) {
        List<String> ours = new ArrayList<>();
        int races = 0;
        for (int i = 0; i < lines.size(); i++) {
            int end = blockEnd(lines, i);
            if (end > i) {
                races++;
                i = end - 1;
            } else {
                ours.add(lines.get(i));
            }
        }
        return new Split(List.copyOf(ours), races);
    }

    /** The index after the race's block that starts at {@code start}, or {@code start} when none starts there. */
    private static int blockEnd(List<String> lines, int start) {
        String first = lines.get(start);
        if (!first.contains(JOB_FAILED)) {
            return start;
        }
        int next = start + 1;
        if (!first.contains(ALREADY_RELEASED)) {
            if (next >= lines.size() || !lines.get(next).startsWith(ALREADY_RELEASED)) {
                return start;
            }
            next++;
        }
        int end = next;
        while (end < lines.size() && isFrame(lines.get(end))) {
            end++;
        }
        boolean jettys = lines.subList(next, end).stream().anyMatch(l -> l.contains(RELEASE_FRAME));
        return jettys ? end : start;
    }

    static boolean isFrame(String line) {
        return line.matches("^\\s+at .*");
    }
}
