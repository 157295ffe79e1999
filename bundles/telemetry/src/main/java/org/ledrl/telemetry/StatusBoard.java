package org.ledrl.telemetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>Bounded when made with limits: node ids from 0 to {@code maxNodeId} and at most {@code maxLinks}
 * links (each with both ends within that range); anything else is refused with a
 * {@link MalformedTelemetryException} by {@link #admit} and counted ({@link #refusedNodes()},
 * {@link #refusedLinks()}), so a stray or hostile id never becomes a node. Entries are replaced, never
 * removed: a node that goes quiet stays, reported unknown.
 *
 * <p>Thread-safe: adapters write from their sampling or network threads while consumers read
 * snapshots. Snapshots never block on writers.
 *
 * <p>A live runtime takes a snapshot for every decision, so the sorted lists are kept and reused until a status
 * is put or the clock reaches the time when a fresh entry turns stale: until then they are exactly what a rebuild
 * would give, and a snapshot costs an allocation instead of a sort of every link.
 */
public final class StatusBoard {

    /** Kind of the refusal of a node id above the board's {@code maxNodeId}. */
    public static final String NODE_OUT_OF_RANGE = "node id above maxNodeId";
    /** Kind of the refusal of a new link on a board that keeps {@code maxLinks} links. */
    public static final String LINKS_FULL = "link table full";

    private final String source;
    private final long staleAfterMillis;
    private final LongSupplier clock;
    private final Map<Integer, NodeStatus> nodes = new ConcurrentHashMap<>();
    private final Map<Long, LinkStatus> links = new ConcurrentHashMap<>();
    private final int maxNodeId;
    private final int maxLinks;
    private final AtomicLong refusedNodes = new AtomicLong();
    private final AtomicLong refusedLinks = new AtomicLong();
    private final AtomicLong version = new AtomicLong(); // bumped after every put: the lists below may be outdated
    private volatile SortedLists lists;

    /** A snapshot's lists, as built at {@code from} from the board at {@code version}; the same until {@code until}. */
    private record SortedLists(long version, long from, long until, List<NodeStatus> nodes, List<LinkStatus> links) {

        boolean holdAt(long currentVersion, long now) {
            return version == currentVersion && now >= from && now < until;
        }
    }

    /**
     * @param source           name put in the snapshots
     * @param staleAfterMillis age after which a status is unknown; must be positive
     * @param clock            the observer's clock in milliseconds ({@code System::currentTimeMillis} in service)
     */
    public StatusBoard(String source, long staleAfterMillis, LongSupplier clock) {
        this(source, staleAfterMillis, clock, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A bounded board.
     *
     * @param maxNodeId the largest node id taken (0 or more)
     * @param maxLinks  the most links kept (1 or more)
     */
    public StatusBoard(String source, long staleAfterMillis, LongSupplier clock, int maxNodeId, int maxLinks) {
        if (staleAfterMillis <= 0) {
            throw new IllegalArgumentException("staleAfterMillis must be positive, was " + staleAfterMillis);
        }
        if (maxNodeId < 0 || maxLinks < 1) {
            throw new IllegalArgumentException("maxNodeId must be 0 or more and maxLinks 1 or more, were " + maxNodeId
                    + " and " + maxLinks);
        }
        this.source = source;
        this.staleAfterMillis = staleAfterMillis;
        this.clock = clock;
        this.maxNodeId = maxNodeId;
        this.maxLinks = maxLinks;
    }

    /** A board on the system clock. */
    public StatusBoard(String source, long staleAfterMillis) {
        this(source, staleAfterMillis, System::currentTimeMillis);
    }

    /**
     * Records the status of a node, replacing what the board had of it unless that is newer; a node
     * beyond the board's limits is counted and left out.
     */
    public void put(NodeStatus status) {
        try {
            admit(status);
        } catch (MalformedTelemetryException e) {
            // counted in refusedNodes: a caller that wants the reason uses admit
        }
    }

    /** Records the status of a link, as {@link #put(NodeStatus)} does. */
    public void put(LinkStatus status) {
        try {
            admit(status);
        } catch (MalformedTelemetryException e) {
            // counted in refusedLinks
        }
    }

    /**
     * Records the status of a node, replacing what the board had of it unless that is newer.
     *
     * @throws MalformedTelemetryException of kind {@value #NODE_OUT_OF_RANGE} for an id above {@code maxNodeId}
     */
    public void admit(NodeStatus status) throws MalformedTelemetryException {
        if (status.node() > maxNodeId) {
            refusedNodes.incrementAndGet();
            throw new MalformedTelemetryException(NODE_OUT_OF_RANGE, "node " + status.node() + " is above maxNodeId "
                    + maxNodeId + "; its status is ignored");
        }
        nodes.merge(status.node(), status, (old, now) -> now.timestampMillis() >= old.timestampMillis() ? now : old);
        version.incrementAndGet(); // after the change: a reader that saw the old version rebuilds next time
    }

    /**
     * Records the status of a link, replacing what the board had of it unless that is newer.
     *
     * @throws MalformedTelemetryException of kind {@value #NODE_OUT_OF_RANGE} for an end above {@code maxNodeId},
     *                                     or {@value #LINKS_FULL} for a new link when {@code maxLinks} are kept
     */
    public void admit(LinkStatus status) throws MalformedTelemetryException {
        if (Math.max(status.a(), status.b()) > maxNodeId) {
            refusedLinks.incrementAndGet();
            throw new MalformedTelemetryException(NODE_OUT_OF_RANGE, "link " + status.a() + "-" + status.b()
                    + " has an end above maxNodeId " + maxNodeId + "; its status is ignored");
        }
        long key = linkKey(status.a(), status.b());
        synchronized (links) { // size check and insertion together, so the bound holds exactly
            if (links.size() >= maxLinks && !links.containsKey(key)) {
                refusedLinks.incrementAndGet();
                throw new MalformedTelemetryException(LINKS_FULL, "link " + status.a() + "-" + status.b()
                        + " is new and the board already keeps maxLinks " + maxLinks + " links; its status is ignored");
            }
            links.merge(key, status, (old, now) -> now.timestampMillis() >= old.timestampMillis() ? now : old);
        }
        version.incrementAndGet();
    }

    /** Node statuses refused for an id above {@code maxNodeId}. */
    public long refusedNodes() {
        return refusedNodes.get();
    }

    /** Link statuses refused: an end above {@code maxNodeId}, or a new link on a full board. */
    public long refusedLinks() {
        return refusedLinks.get();
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int linkCount() {
        return links.size();
    }

    public int maxNodeId() {
        return maxNodeId;
    }

    public int maxLinks() {
        return maxLinks;
    }

    /** Everything on the board now, sorted by node and by link, stale entries marked unknown. */
    public TelemetrySnapshot snapshot() {
        long now = clock.getAsLong();
        long current = version.get(); // read before the maps: a put after this read bumps it again
        SortedLists sorted = lists;
        if (sorted == null || !sorted.holdAt(current, now)) {
            sorted = sort(current, now);
            lists = sorted;
        }
        return new TelemetrySnapshot(source, sorted.nodes(), sorted.links(), now); // immutable lists: not copied
    }

    private SortedLists sort(long current, long now) {
        long until = Long.MAX_VALUE;
        List<NodeStatus> nodeList = new ArrayList<>(nodes.size());
        for (NodeStatus status : nodes.values()) {
            boolean stale = isStale(status.timestampMillis(), now);
            nodeList.add(stale ? status.stale() : status);
            until = stale ? until : Math.min(until, staleFrom(status.timestampMillis(), now));
        }
        nodeList.sort(Comparator.comparingInt(NodeStatus::node));
        List<LinkStatus> linkList = new ArrayList<>(links.size());
        for (LinkStatus status : links.values()) {
            boolean stale = isStale(status.timestampMillis(), now);
            linkList.add(stale ? staleLink(status) : status);
            until = stale ? until : Math.min(until, staleFrom(status.timestampMillis(), now));
        }
        linkList.sort(Comparator.comparingInt(LinkStatus::a).thenComparingInt(LinkStatus::b));
        return new SortedLists(current, now, until, List.copyOf(nodeList), List.copyOf(linkList));
    }

    /**
     * When a status fresh at {@code now} turns stale: the first time more than {@code staleAfterMillis} after it.
     * Where that sum overflows (a timestamp far from the clock), {@code now + 1}: the lists are rebuilt next time.
     */
    private long staleFrom(long timestampMillis, long now) {
        long from = timestampMillis + staleAfterMillis + 1;
        return from > now ? from : now + 1;
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

    /**
     * A link's map key, the same for both directions. The packed end points are multiplied by an odd constant (a
     * bijection, so keys stay unique): packed alone, a key's {@code Long.hashCode} is {@code low ^ high}, so the
     * 190 links of a 20-node mesh fell on 32 hash codes and every map of links ran chains and trees.
     */
    static long linkKey(int a, int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        return (((long) low << 32) | (high & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
    }
}
