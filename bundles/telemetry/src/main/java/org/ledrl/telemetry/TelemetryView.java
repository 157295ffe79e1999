package org.ledrl.telemetry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;

/**
 * The snapshots of several telemetry sources merged into one lookup by node and link: what a live
 * {@code EdgeEnvironment} reads to build candidates. When sources disagree about a node, a known
 * status (up or down) wins over an unknown one, and among equals the newest wins. A node or link no
 * source knows is reported unknown ({@link NodeStatus#unknown}), never missing, so callers need no
 * null checks. Immutable.
 */
public final class TelemetryView {

    private final Map<Integer, NodeStatus> nodes;
    private final Map<Long, LinkStatus> links;
    private final long timestampMillis;

    private TelemetryView(Map<Integer, NodeStatus> nodes, Map<Long, LinkStatus> links, long timestampMillis) {
        this.nodes = nodes;
        this.links = links;
        this.timestampMillis = timestampMillis;
    }

    /** Merges snapshots; the view's time is the newest snapshot's. */
    public static TelemetryView of(Collection<TelemetrySnapshot> snapshots) {
        Map<Integer, NodeStatus> nodes = new HashMap<>();
        Map<Long, LinkStatus> links = new HashMap<>();
        long newest = 0;
        for (TelemetrySnapshot snapshot : snapshots) {
            newest = Math.max(newest, snapshot.timestampMillis());
            for (NodeStatus status : snapshot.nodes()) {
                nodes.merge(status.node(), status, TelemetryView::preferNode);
            }
            for (LinkStatus status : snapshot.links()) {
                links.merge(StatusBoard.linkKey(status.a(), status.b()), status, TelemetryView::preferLink);
            }
        }
        return new TelemetryView(Collections.unmodifiableMap(nodes), Collections.unmodifiableMap(links), newest);
    }

    /** The status of {@code node}, unknown when no source knows it. */
    public NodeStatus node(int node) {
        NodeStatus status = nodes.get(node);
        return status == null ? NodeStatus.unknown(node, timestampMillis) : status;
    }

    /** The status of the link between {@code a} and {@code b}, unknown when no source knows it. */
    public LinkStatus link(int a, int b) {
        LinkStatus status = links.get(StatusBoard.linkKey(a, b));
        return status == null
                ? new LinkStatus(a, b, Health.UNKNOWN, Double.NaN, Double.NaN, 0, timestampMillis)
                : status;
    }

    /** Every node some source knows, by id. */
    public List<NodeStatus> nodes() {
        List<NodeStatus> list = new ArrayList<>(nodes.values());
        list.sort(Comparator.comparingInt(NodeStatus::node));
        return list;
    }

    /** Every link some source knows, by end points. */
    public List<LinkStatus> links() {
        List<LinkStatus> list = new ArrayList<>(links.values());
        list.sort(Comparator.comparingInt(LinkStatus::a).thenComparingInt(LinkStatus::b));
        return list;
    }

    /** The newest snapshot time among the merged sources. */
    public long timestampMillis() {
        return timestampMillis;
    }

    private static NodeStatus preferNode(NodeStatus old, NodeStatus candidate) {
        return prefer(old.health(), old.timestampMillis(), candidate.health(), candidate.timestampMillis()) ? candidate : old;
    }

    private static LinkStatus preferLink(LinkStatus old, LinkStatus candidate) {
        return prefer(old.health(), old.timestampMillis(), candidate.health(), candidate.timestampMillis()) ? candidate : old;
    }

    /** Whether the candidate replaces the old status: known beats unknown, then newer beats older. */
    private static boolean prefer(Health oldHealth, long oldTime, Health candidateHealth, long candidateTime) {
        boolean oldKnown = oldHealth != Health.UNKNOWN;
        boolean candidateKnown = candidateHealth != Health.UNKNOWN;
        if (oldKnown != candidateKnown) {
            return candidateKnown;
        }
        return candidateTime > oldTime;
    }
}
