package org.ledrl.telemetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;

/**
 * The latest status a telemetry adapter has of each node and link, and the one place where
 * staleness is decided: in a {@link #snapshot()}, a status whose {@code timestampMillis} is more
 * than {@code staleAfterMillis} behind the board's clock is reported {@link Health#UNKNOWN}
 * ({@link NodeStatus#stale()}), never healthy. Timestamps must be on the observer's clock (when
 * this host measured or received the status), which is why they can be compared with the board's.
 *
 * <p>Thread-safe: adapters write from their sampling or network threads while consumers read
 * snapshots. Snapshots never block on writers.
 */
public final class StatusBoard {

    private final String source;
    private final long staleAfterMillis;
    private final LongSupplier clock;
    private final Map<Integer, NodeStatus> nodes = new ConcurrentHashMap<>();
    private final Map<Long, LinkStatus> links = new ConcurrentHashMap<>();

    /**
     * @param source           name put in the snapshots
     * @param staleAfterMillis age after which a status is unknown; must be positive
     * @param clock            the observer's clock in milliseconds ({@code System::currentTimeMillis} in service)
     */
    public StatusBoard(String source, long staleAfterMillis, LongSupplier clock) {
        if (staleAfterMillis <= 0) {
            throw new IllegalArgumentException("staleAfterMillis must be positive, was " + staleAfterMillis);
        }
        this.source = source;
        this.staleAfterMillis = staleAfterMillis;
        this.clock = clock;
    }

    /** A board on the system clock. */
    public StatusBoard(String source, long staleAfterMillis) {
        this(source, staleAfterMillis, System::currentTimeMillis);
    }

    /** Records the status of a node, replacing what the board had of it unless that is newer. */
    public void put(NodeStatus status) {
        nodes.merge(status.node(), status, (old, now) -> now.timestampMillis() >= old.timestampMillis() ? now : old);
    }

    /** Records the status of a link, replacing what the board had of it unless that is newer. */
    public void put(LinkStatus status) {
        links.merge(linkKey(status.a(), status.b()), status,
                (old, now) -> now.timestampMillis() >= old.timestampMillis() ? now : old);
    }

    /** Everything on the board now, sorted by node and by link, stale entries marked unknown. */
    public TelemetrySnapshot snapshot() {
        long now = clock.getAsLong();
        List<NodeStatus> nodeList = new ArrayList<>(nodes.size());
        for (NodeStatus status : nodes.values()) {
            nodeList.add(isStale(status.timestampMillis(), now) ? status.stale() : status);
        }
        nodeList.sort(Comparator.comparingInt(NodeStatus::node));
        List<LinkStatus> linkList = new ArrayList<>(links.size());
        for (LinkStatus status : links.values()) {
            linkList.add(isStale(status.timestampMillis(), now) ? staleLink(status) : status);
        }
        linkList.sort(Comparator.comparingInt(LinkStatus::a).thenComparingInt(LinkStatus::b));
        return new TelemetrySnapshot(source, nodeList, linkList, now);
    }

    public long staleAfterMillis() {
        return staleAfterMillis;
    }

    private boolean isStale(long timestampMillis, long now) {
        return now - timestampMillis > staleAfterMillis;
    }

    private static LinkStatus staleLink(LinkStatus status) {
        return new LinkStatus(status.a(), status.b(), Health.UNKNOWN, status.rateMBps(), status.latencyMs(),
                status.recentFailures(), status.timestampMillis());
    }

    static long linkKey(int a, int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        return ((long) low << 32) | (high & 0xffffffffL);
    }
}
