package org.ledrl.live.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;
import org.ledrl.api.model.Topology;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.live.LiveLink;

/**
 * The live network at one instant, as decisions see it: the telemetry of every source merged, made
 * unknown where it is older than the staleness limit, completed by the configuration (static links,
 * the reference CPU) and by the runtime's own estimate of queue waits.
 *
 * <p>Candidates for a task are the origin, then every node within {@code maxHops} links, nearest
 * first and by id. Each is reached by the shortest path whose links and intermediate nodes are all
 * up; a node reachable only through something down or unknown is still listed, with its path down,
 * so that policies see it but may not pick it. Failure rates are the configured ones: telemetry has
 * no model rates.
 *
 * <p>What telemetry says is a {@link LiveTopology}, which the runtime reuses from decision to decision while it
 * holds; this class adds the instant: the time, and each node's queue wait where telemetry has none, asked of the
 * runtime when a node is first read. Meant for the one call that made it (a decision, a status page).
 *
 * <p>Bounded: node ids from 0 to {@code maxNodeId} and at most {@code maxLinks} links; the rest of
 * what telemetry reports is counted and left out (see {@link #of}).
 */
final class NetworkState {

    private final LiveTopology topology;
    private final long now;
    private final long viewMillis;
    private final ToDoubleBiFunction<Integer, Long> queueSeconds;
    private final NodeStatus[] nodes; // filled when first read

    private NetworkState(LiveTopology topology, long now, long viewMillis,
                         ToDoubleBiFunction<Integer, Long> queueSeconds) {
        this.topology = topology;
        this.now = now;
        this.viewMillis = viewMillis;
        this.queueSeconds = queueSeconds;
        this.nodes = new NodeStatus[topology.size()];
    }

    /**
     * Builds the state from the sources' snapshots. Node ids above {@code maxNodeId} or not among
     * {@code nodes}, links with such an end, and measured links beyond {@code maxLinks} (configured links first,
     * then by end points) are left out and counted in {@link #ignoredNodes()} and {@link #ignoredLinks()}: the maps
     * here and every per-node structure downstream stay bounded whatever telemetry says.
     *
     * @param queueSeconds the runtime's estimate of a node's queue wait, used where telemetry has none
     */
    static NetworkState of(NetworkSettings settings, Collection<TelemetrySnapshot> snapshots, long now,
                           ToDoubleBiFunction<Integer, Long> queueSeconds) {
        return at(LiveTopology.of(settings, snapshots, now), snapshots, now, queueSeconds);
    }

    /** The state at {@code now} on a topology that {@linkplain LiveTopology#holdsFor holds} for these snapshots. */
    static NetworkState at(LiveTopology topology, Collection<TelemetrySnapshot> snapshots, long now,
                           ToDoubleBiFunction<Integer, Long> queueSeconds) {
        long newest = 0; // the merged view's time, which stamps nodes no source reported
        for (TelemetrySnapshot snapshot : snapshots) {
            newest = Math.max(newest, snapshot.timestampMillis());
        }
        return new NetworkState(topology, now, newest, queueSeconds);
    }

    long now() {
        return now;
    }

    /** Node statuses telemetry reported for ids the settings do not admit, left out of this state. */
    int ignoredNodes() {
        return topology.ignoredNodes();
    }

    /** Links telemetry reported that this state left out: an end not admitted, or beyond {@code maxLinks}. */
    int ignoredLinks() {
        return topology.ignoredLinks();
    }

    /** The most nodes and links a state holds. */
    int nodeBound() {
        NetworkSettings settings = topology.settings();
        return settings.expectedNodes() == null ? settings.maxNodeId() + 1 : settings.expectedNodes().cardinality();
    }

    int linkBound() {
        return topology.settings().maxLinks();
    }

    boolean knows(int node) {
        return topology.index(node) >= 0;
    }

    /** Every node, by id. */
    Collection<NodeStatus> nodes() {
        return new AbstractList<>() {
            @Override
            public NodeStatus get(int index) {
                return nodeAt(index);
            }

            @Override
            public int size() {
                return nodes.length;
            }
        };
    }

    NodeStatus node(int id) {
        int index = topology.index(id);
        return index < 0 ? NodeStatus.unknown(id, now) : nodeAt(index);
    }

    /** The node's status at this instant: the view's time on a placeholder, the runtime's wait where none is known. */
    private NodeStatus nodeAt(int index) {
        NodeStatus status = nodes[index];
        if (status == null) {
            NodeStatus known = topology.status(index);
            double wait = Double.isFinite(known.queueSeconds()) ? known.queueSeconds()
                    : queueSeconds.applyAsDouble(known.node(), now);
            status = new NodeStatus(known.node(), known.health(), known.cpuGHz(), known.cpuLoad(),
                    known.queueLength(), wait, known.memoryLoad(), known.gpuLoad(), known.temperatureC(),
                    known.recentFailures(), topology.reported(index) ? known.timestampMillis() : viewMillis);
            nodes[index] = status;
        }
        return status;
    }

    boolean isStale(int id) {
        int index = topology.index(id);
        return index < 0 || topology.stale(index);
    }

    List<Integer> neighbours(int id) {
        return topology.neighbours(id);
    }

    /** Every link, by end points; a configured link that telemetry never measured carries this state's time. */
    Collection<LiveLink> links() {
        List<LiveLink> links = new ArrayList<>(topology.links().size());
        for (Map.Entry<Long, LiveLink> entry : topology.links().entrySet()) {
            LiveLink link = entry.getValue();
            LinkStatus s = link.status();
            links.add(topology.declaredOnly(entry.getKey())
                    ? new LiveLink(new LinkStatus(s.a(), s.b(), s.health(), s.rateMBps(), s.latencyMs(), 0, now),
                    false, true)
                    : link);
        }
        return links;
    }

    /** What {@code origin} sees when {@code task} arrives there. */
    Observation observe(Task task) {
        int origin = task.origin();
        NetworkSettings settings = topology.settings();
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate(node(origin), settings.nodeFailureRate(), 0, 0.0, 0.0, 0.0, true));
        for (LiveTopology.Route route : topology.routesFrom(origin)) {
            candidates.add(new Candidate(node(route.node()), settings.nodeFailureRate(), route.hops(),
                    route.secondsPerMB(), route.latencyS(), settings.linkFailureRate() * route.hops(), route.up()));
        }
        return new Observation(origin, now, task, candidates, settings.reliabilityThreshold());
    }

    /** The static shape: nodes 0 to the highest id known (ids nobody reports are unknown nodes), and every link. */
    Topology topology() {
        NetworkSettings settings = topology.settings();
        List<Topology.NodeSpec> specs = new ArrayList<>();
        int highest = nodes.length == 0 ? -1 : topology.id(nodes.length - 1);
        for (int id = 0; id <= highest; id++) {
            specs.add(new Topology.NodeSpec(id, "node-" + id,
                    knows(id) ? node(id).cpuGHz() : settings.referenceCpuGHz()));
        }
        List<Topology.LinkSpec> linkSpecs = new ArrayList<>();
        for (LiveLink link : topology.links().values()) {
            LinkStatus s = link.status();
            linkSpecs.add(new Topology.LinkSpec(s.a(), s.b(), s.rateMBps(), s.rateMBps(),
                    Double.isFinite(s.latencyMs()) ? s.latencyMs() : 0.0));
        }
        return new Topology(specs, linkSpecs);
    }
}
