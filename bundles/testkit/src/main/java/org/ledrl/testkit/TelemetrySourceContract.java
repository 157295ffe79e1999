package org.ledrl.testkit;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.api.telemetry.TelemetrySource;
import org.ledrl.testkit.internal.Rules;

/**
 * What every {@link TelemetrySource} must do, as JUnit 5 tests: extend it and build, in {@link #subject}, the
 * source reading a feed the test writes to, and reading time from the given clock. Each failure message starts with
 * the rule that was broken:
 * <ul>
 *     <li>{@value #WELL_FORMED}: a snapshot is never null, names its source, holds each node once with the values
 *     fed (loads in [0,1] or NaN, never a made-up 0), links with {@code a < b}, nothing from the future;</li>
 *     <li>{@value #STALENESS}: status older than the source's limit is reported {@link Health#UNKNOWN} (or
 *     dropped), never as up;</li>
 *     <li>{@value #MALFORMED}: a malformed record is counted, not thrown, and the good status stays.</li>
 * </ul>
 * A source may read its feed asynchronously: the contract waits up to {@link #SETTLE} for what it fed to show.
 */
public abstract class TelemetrySourceContract {

    public static final String WELL_FORMED = "snapshots are well formed";
    public static final String STALENESS = "stale status is unknown, never up";
    public static final String MALFORMED = "malformed input is counted, not thrown";

    /** The longest the contract waits for fed status to show in a snapshot. */
    public static final Duration SETTLE = Duration.ofSeconds(5);

    /** Writes records in the source's own format, the way its real feed would. */
    public interface Feed {
        void node(NodeStatus status) throws Exception;

        void link(LinkStatus status) throws Exception;

        /** A record the source cannot read (cut off, a word where a number belongs, ...). */
        void malformed() throws Exception;
    }

    /** The source under test and what the contract needs to see of it. */
    public record Subject(TelemetrySource source, Feed feed, Duration staleAfter, LongSupplier malformedCount,
                          AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    /** The source, reading time from {@code clock} (at {@link Situations#NOW} to begin with). Once per test. */
    protected abstract Subject subject(ManualClock clock) throws Exception;

    private final ManualClock clock = new ManualClock(Situations.NOW);

    @Test
    void givesWellFormedSnapshots() throws Exception {
        try (Subject s = subject(clock)) {
            TelemetrySnapshot empty = snapshot(s, WELL_FORMED);
            Rules.check(empty.nodes().stream().noneMatch(n -> n.health().isUp()), WELL_FORMED,
                    "a node is up before anything was fed: " + empty.nodes());
            for (int n = 1; n <= 3; n++) {
                s.feed().node(Situations.node(n, Health.UP, 1.5 + n, 0.5 * n));
            }
            s.feed().link(new LinkStatus(1, 2, Health.UP, 25.0, 3.0, 0, Situations.NOW));
            TelemetrySnapshot snap = await(s, x -> x.nodes().size() >= 3 && !x.links().isEmpty(), WELL_FORMED,
                    "nodes 1, 2, 3 and link 1-2");
            Rules.check(s.source().name().equals(snap.source()), WELL_FORMED, "the snapshot names source '"
                    + snap.source() + "', the source is '" + s.source().name() + "'");
            Set<Integer> ids = new HashSet<>();
            for (NodeStatus n : snap.nodes()) {
                Rules.check(ids.add(n.node()), WELL_FORMED, "node " + n.node() + " appears twice");
                Rules.check(n.timestampMillis() <= clock.millis(), WELL_FORMED, "node " + n.node()
                        + " measured in the future (" + n.timestampMillis() + " > " + clock.millis() + ")");
                fraction(n.cpuLoad(), "cpu load of node " + n.node());
                fraction(n.memoryLoad(), "memory load of node " + n.node());
                fraction(n.gpuLoad(), "GPU load of node " + n.node());
            }
            for (int n = 1; n <= 3; n++) {
                NodeStatus got = node(snap, n).orElseThrow();
                Rules.check(got.health() == Health.UP, WELL_FORMED, "node " + n + " fed up, reported " + got.health());
                Rules.check(Math.abs(got.cpuGHz() - (1.5 + n)) < 1e-6, WELL_FORMED, "node " + n + " fed at "
                        + (1.5 + n) + " GHz, reported " + got.cpuGHz());
            }
            for (LinkStatus l : snap.links()) {
                Rules.check(l.a() < l.b(), WELL_FORMED, "link " + l.a() + "-" + l.b() + " is not ordered a < b");
                Rules.check(Double.isNaN(l.rateMBps()) || l.rateMBps() >= 0, WELL_FORMED, "link rate "
                        + l.rateMBps());
            }
        }
    }

    @Test
    void reportsStaleStatusAsUnknown() throws Exception {
        try (Subject s = subject(clock)) {
            s.feed().node(Situations.node(1, Health.UP, 3.0, 0.0));
            await(s, x -> node(x, 1).map(n -> n.health().isUp()).orElse(false), STALENESS, "node 1 up");
            clock.advance(s.staleAfter().plusSeconds(1));
            TelemetrySnapshot later = snapshot(s, STALENESS);
            Optional<NodeStatus> node = node(later, 1);
            Rules.check(node.isEmpty() || !node.get().health().isUp(), STALENESS, "node 1 still reported up "
                    + s.staleAfter().plusSeconds(1).toSeconds() + " s after its last status (limit "
                    + s.staleAfter().toSeconds() + " s)");
        }
    }

    @Test
    void countsMalformedInputInsteadOfThrowing() throws Exception {
        try (Subject s = subject(clock)) {
            s.feed().node(Situations.node(1, Health.UP, 2.5, 0.0));
            await(s, x -> node(x, 1).isPresent(), MALFORMED, "node 1");
            long before = s.malformedCount().getAsLong();
            try {
                s.feed().malformed();
            } catch (RuntimeException e) {
                throw Rules.broken(MALFORMED, "feeding a malformed record threw " + e);
            }
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (s.malformedCount().getAsLong() == before && System.nanoTime() < deadline) {
                snapshot(s, MALFORMED);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            long after = s.malformedCount().getAsLong();
            Rules.check(after == before + 1, MALFORMED, "one malformed record, counted " + (after - before));
            NodeStatus kept = node(snapshot(s, MALFORMED), 1).orElse(null);
            Rules.check(kept != null && kept.health().isUp() && Math.abs(kept.cpuGHz() - 2.5) < 1e-6, MALFORMED,
                    "node 1's good status was lost after a malformed record: " + kept);
        }
    }

    private static void fraction(double value, String what) {
        Rules.check(Double.isNaN(value) || (value >= 0 && value <= 1), WELL_FORMED, what + " is " + value
                + ", outside [0,1] (NaN when unknown)");
    }

    private static Optional<NodeStatus> node(TelemetrySnapshot snapshot, int id) {
        return snapshot.nodes().stream().filter(n -> n.node() == id).findFirst();
    }

    private static TelemetrySnapshot snapshot(Subject s, String rule) {
        TelemetrySnapshot snapshot;
        try {
            snapshot = s.source().snapshot();
        } catch (RuntimeException e) {
            throw Rules.broken(rule, "snapshot() threw " + e);
        }
        Rules.check(snapshot != null, WELL_FORMED, "snapshot() returned null");
        return snapshot;
    }

    private static TelemetrySnapshot await(Subject s, Predicate<TelemetrySnapshot> shows, String rule, String what) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        TelemetrySnapshot last = snapshot(s, rule);
        while (!shows.test(last)) {
            if (System.nanoTime() > deadline) {
                throw Rules.broken(rule, "fed " + what + ", but after " + SETTLE.toSeconds() + " s the snapshot shows "
                        + last.nodes().size() + " nodes and " + last.links().size() + " links: " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            last = snapshot(s, rule);
        }
        return last;
    }
}
