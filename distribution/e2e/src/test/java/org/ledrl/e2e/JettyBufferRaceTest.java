package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The race's block as a CI run logged it is counted apart; other stacks, and lines around it, are kept. */
class JettyBufferRaceTest {

    /** Copied from a CI run's log, where the exception follows the "Job failed" line. */
    static final List<String> LOGGED = List.of(
            "2026-12-07 08:47:47.988 [WARN] QueuedThreadPool - Job failed",
            "java.lang.IllegalStateException: already released ReferenceCounter@1a9ee3e7[r=0]",
            "\tat org.eclipse.jetty.io.Retainable$ReferenceCounter.lambda$release$0(Retainable.java:192)",
            "\tat java.base/java.util.concurrent.atomic.AtomicInteger.updateAndGet(AtomicInteger.java:281)",
            "\tat org.eclipse.jetty.io.Retainable$ReferenceCounter.release(Retainable.java:189)",
            "\tat org.eclipse.jetty.io.AbstractRetainableByteBuffer.release(AbstractRetainableByteBuffer.java:58)",
            "\tat org.eclipse.jetty.io.ArrayByteBufferPool$Buffer.release(ArrayByteBufferPool.java:800)",
            "\tat org.eclipse.jetty.server.internal.HttpConnection.releaseRequestBuffer(HttpConnection.java:343)",
            "\tat org.eclipse.jetty.server.internal.HttpConnection.onFillable(HttpConnection.java:479)",
            "\tat org.eclipse.jetty.server.internal.HttpConnection.run(HttpConnection.java:651)",
            "\tat org.eclipse.jetty.util.thread.QueuedThreadPool.runJob(QueuedThreadPool.java:981)",
            "\tat org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.doRunJob(QueuedThreadPool.java:1211)",
            "\tat org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run(QueuedThreadPool.java:1166)",
            "\tat java.base/java.lang.Thread.run(Thread.java:840)");

    @Test
    void theLoggedBlockIsCountedAndTheLinesAroundItKept() {
        List<String> lines = new ArrayList<>();
        lines.add("2026-12-07 08:47:40.227 [WARN] RestApi - REST: 1 request(s) had a body that ended early");
        lines.addAll(LOGGED);
        lines.add("2026-12-07 08:47:48.001 [INFO] DecisionServiceImpl - Deciding with policy 'greedy'");
        lines.addAll(LOGGED);

        JettyBufferRace.Split split = JettyBufferRace.split(lines);

        assertEquals(2, split.races());
        assertEquals(List.of(lines.get(0), lines.get(1 + LOGGED.size())), split.ours());
    }

    @Test
    void theExceptionOnTheJobLineItselfIsTheSameBlock() {
        List<String> lines = new ArrayList<>();
        lines.add(LOGGED.get(0) + ", " + LOGGED.get(1));
        lines.addAll(LOGGED.subList(2, LOGGED.size()));

        JettyBufferRace.Split split = JettyBufferRace.split(lines);

        assertEquals(1, split.races());
        assertEquals(List.of(), split.ours());
    }

    @Test
    void theSameExceptionElsewhereIsKeptWithItsFrames() {
        List<String> lines = List.of(LOGGED.get(0), LOGGED.get(1),
                "\tat org.ledrl.rest.internal.DecisionsServlet.doPost(DecisionsServlet.java:80)",
                "\tat java.base/java.lang.Thread.run(Thread.java:840)");

        JettyBufferRace.Split split = JettyBufferRace.split(lines);

        assertEquals(0, split.races());
        assertEquals(lines, split.ours());
        assertEquals(2, split.ours().stream().filter(JettyBufferRace::isFrame).count());
    }

    @Test
    void anotherFailedJobIsKept() {
        List<String> lines = List.of(LOGGED.get(0), "java.lang.NullPointerException: boom",
                "\tat org.eclipse.jetty.server.internal.HttpConnection.releaseRequestBuffer(HttpConnection.java:343)");

        JettyBufferRace.Split split = JettyBufferRace.split(lines);

        assertEquals(0, split.races());
        assertEquals(lines, split.ours());
    }
}
