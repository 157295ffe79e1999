package org.ledrl.live.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleBiFunction;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;
import org.ledrl.api.model.Topology;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.live.LiveLink;
import org.ledrl.telemetry.TelemetryView;

/**
 * The live network at one instant, as decisions see it: the telemetry of every source merged, made
 * unknown where it is older than the staleness limit, completed by the configuration (static links,
 * the reference CPU) and by the runtime's own estimate of queue waits. Immutable.
 *
 * <p>Candidates for a task are the origin, then every node within {@code maxHops} links, nearest
 * first and by id. Each is reached by the shortest path whose links and intermediate nodes are all
 * up; a node reachable only through something down or unknown is still listed, with its path down,
 * so that policies see it but may not pick it. Failure rates are the configured ones: telemetry has
 * no model rates.
 *
 * <p>Bounded: node ids from 0 to {@code maxNodeId} and at most {@code maxLinks} links; the rest of
 * what telemetry reports is counted and left out (see {@link #of}).
 */
final class NetworkState {

    private final NetworkSettings settings;
    private final long now;
    private final TreeMap<Integer, NodeStatus> nodes;
    private final Map<Integer, Boolean> stale;
    private final TreeMap<Long, LiveLink> links;
    private final Map<Integer, List<Integer>> neighbours;
    private final List<Integer> ids;
    private final Map<Integer, Integer> indexOf = new HashMap<>();
    private final int ignoredNodes;
    private final int ignoredLinks;

    private NetworkState(NetworkSettings settings, long now, TreeMap<Integer, NodeStatus> nodes,
                         Map<Integer, Boolean> stale, TreeMap<Long, LiveLink> links, int ignoredNodes,
                         int ignoredLinks) {
        this.settings = settings;
        this.ignoredNodes = ignoredNodes;
        this.ignoredLinks = ignoredLinks;
        this.now = now;
        this.nodes = nodes;
        this.stale = stale;
        this.links = links;
        Map<Integer, List<Integer>> adjacency = new HashMap<>();
        for (LiveLink link : links.values()) {
            adjacency.computeIfAbsent(link.status().a(), n -> new ArrayList<>()).add(link.status().b());
            adjacency.computeIfAbsent(link.status().b(), n -> new ArrayList<>()).add(link.status().a());
        }
        adjacency.values().forEach(list -> list.sort(Integer::compare));
        this.neighbours = adjacency;
        this.ids = List.copyOf(nodes.keySet());
        for (int i = 0; i < ids.size(); i++) {
            indexOf.put(ids.get(i), i);
        }
    }

    private int index(int node) {
        return indexOf.getOrDefault(node, -1);
    }

    /**
     * Builds the state from the sources' snapshots. Node ids above {@code maxNodeId} or not among
     * {@code nodes}, links with such an end, and measured links beyond {@code maxLinks} (configured links first, then by end points) are
     * left out and counted in {@link #ignoredNodes()} and {@link #ignoredLinks()}: the maps here and
     * every per-node structure downstream stay bounded whatever telemetry says.
     *
     * @param queueSeconds the runtime's estimate of a node's queue wait, used where telemetry has none
     */
    static NetworkState of(NetworkSettings settings, Collection<TelemetrySnapshot> snapshots, long now,
                           ToDoubleBiFunction<Integer, Long> queueSeconds) {
        TelemetryView view = TelemetryView.of(snapshots);
        TreeSet<Integer> ids = new TreeSet<>();
        ids.add(settings.localNode());
        int ignoredNodes = 0;
        for (NodeStatus status : view.nodes()) {
            if (settings.admits(status.node())) {
                ids.add(status.node());
            } else {
                ignoredNodes++;
            }
        }

        TreeMap<Long, LiveLink> links = new TreeMap<>();
        TreeMap<Long, LinkStatus> measured = new TreeMap<>();
        int ignoredLinks = 0;
        for (LinkStatus link : view.links()) {
            if (settings.admits(link.a()) && settings.admits(link.b())) {
                measured.put(key(link.a(), link.b()), link);
            } else {
                ignoredLinks++;
            }
        }
        for (NetworkSettings.StaticLink configured : settings.links()) {
            long key = key(configured.a(), configured.b());
            LinkStatus telemetry = measured.remove(key);
            if (telemetry == null) {
                // declared, never measured: usable while both ends are up, which candidates check
                links.put(key, new LiveLink(new LinkStatus(configured.a(), configured.b(), Health.UP,
                        configured.rateMBps(), configured.latencyMs(), 0, now), false, true));
            } else {
                links.put(key, measuredLink(settings, telemetry, now, configured.rateMBps(), configured.latencyMs(), true));
            }
        }
        for (Map.Entry<Long, LinkStatus> entry : measured.entrySet()) {
            if (links.size() >= settings.maxLinks()) {
                ignoredLinks++;
            } else {
                links.put(entry.getKey(), measuredLink(settings, entry.getValue(), now, Double.NaN, Double.NaN, false));
            }
        }
        for (LiveLink link : links.values()) {
            ids.add(link.status().a());
            ids.add(link.status().b());
        }

        TreeMap<Integer, NodeStatus> nodes = new TreeMap<>();
        Map<Integer, Boolean> stale = new HashMap<>();
        for (int id : ids) {
            NodeStatus status = view.node(id);
            boolean old = status.health() == Health.UNKNOWN || now - status.timestampMillis() > settings.staleAfterMillis();
            if (old && status.health() != Health.UNKNOWN) {
                status = status.stale();
            }
            double cpuGHz = Double.isFinite(status.cpuGHz()) && status.cpuGHz() > 0 ? status.cpuGHz()
                    : settings.referenceCpuGHz();
            double wait = Double.isFinite(status.queueSeconds()) ? status.queueSeconds()
                    : queueSeconds.applyAsDouble(id, now);
            nodes.put(id, new NodeStatus(id, status.health(), cpuGHz, status.cpuLoad(), status.queueLength(), wait,
                    status.memoryLoad(), status.gpuLoad(), status.temperatureC(), status.recentFailures(),
                    status.timestampMillis()));
            stale.put(id, old);
        }
        return new NetworkState(settings, now, nodes, stale, links, ignoredNodes, ignoredLinks);
    }

    private static LiveLink measuredLink(NetworkSettings settings, LinkStatus telemetry, long now, double rateMBps,
                                         double latencyMs, boolean configured) {
        boolean old = telemetry.health() == Health.UNKNOWN || now - telemetry.timestampMillis() > settings.staleAfterMillis();
        Health health = old ? Health.UNKNOWN : telemetry.health();
        double rate = Double.isFinite(telemetry.rateMBps()) && telemetry.rateMBps() > 0 ? telemetry.rateMBps() : rateMBps;
        double latency = Double.isFinite(telemetry.latencyMs()) ? telemetry.latencyMs() : latencyMs;
        return new LiveLink(new LinkStatus(telemetry.a(), telemetry.b(), health, rate, latency,
                telemetry.recentFailures(), telemetry.timestampMillis()), old, configured);
    }

    static long key(int a, int b) {
        return ((long) Math.min(a, b) << 32) | (Math.max(a, b) & 0xffffffffL);
    }

    long now() {
        return now;
    }

    /** Node statuses telemetry reported for ids the settings do not admit, left out of this state. */
    int ignoredNodes() {
        return ignoredNodes;
    }

    /** Links telemetry reported that this state left out: an end not admitted, or beyond {@code maxLinks}. */
    int ignoredLinks() {
        return ignoredLinks;
    }

    /** The most nodes and links a state holds. */
    int nodeBound() {
        return settings.expectedNodes() == null ? settings.maxNodeId() + 1 : settings.expectedNodes().cardinality();
    }

    int linkBound() {
        return settings.maxLinks();
    }

    boolean knows(int node) {
        return nodes.containsKey(node);
    }

    /** Every node, by id. */
    Collection<NodeStatus> nodes() {
        return nodes.values();
    }

    NodeStatus node(int id) {
        NodeStatus status = nodes.get(id);
        return status == null ? NodeStatus.unknown(id, now) : status;
    }

    boolean isStale(int id) {
        return stale.getOrDefault(id, true);
    }

    List<Integer> neighbours(int id) {
        return neighbours.getOrDefault(id, List.of());
    }

    /** Every link, by end points. */
    Collection<LiveLink> links() {
        return links.values();
    }

    /** What {@code origin} sees when {@code task} arrives there. */
    Observation observe(Task task) {
        int origin = task.origin();
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate(node(origin), settings.nodeFailureRate(), 0, 0.0, 0.0, 0.0, true));
        int[] anyPath = shortestPaths(origin, false);
        int[] upPath = shortestPaths(origin, true);
        int[] distance = distances(origin, anyPath);
        List<Integer> reachable = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != origin && distance[i] >= 1 && distance[i] <= settings.maxHops()) {
                reachable.add(ids.get(i));
            }
        }
        reachable.sort((x, y) -> {
            int byHops = Integer.compare(distance[index(x)], distance[index(y)]);
            return byHops != 0 ? byHops : Integer.compare(x, y);
        });
        for (int node : reachable) {
            List<Long> upRoute = route(origin, node, upPath);
            boolean up = upRoute != null && upRoute.size() <= settings.maxHops();
            candidates.add(candidate(node, up ? upRoute : route(origin, node, anyPath), up));
        }
        return new Observation(origin, now, task, candidates, settings.reliabilityThreshold());
    }

    private Candidate candidate(int node, List<Long> route, boolean up) {
        double secondsPerMB = 0;
        double latencyS = 0;
        for (long key : route) {
            LinkStatus link = links.get(key).status();
            secondsPerMB += 1.0 / link.rateMBps(); // NaN where no rate is known: the estimates stay unknown
            latencyS += Double.isFinite(link.latencyMs()) ? link.latencyMs() / 1000.0 : 0.0;
        }
        return new Candidate(node(node), settings.nodeFailureRate(), route.size(), secondsPerMB, latencyS,
                settings.linkFailureRate() * route.size(), up);
    }

    /**
     * Breadth-first search from {@code origin}: the predecessor of each node (by index in the sorted
     * ids), -1 where unreached. With {@code upOnly}, only through links that are up and nodes that are
     * up (the end node itself may be anything: the candidate's status tells).
     */
    private int[] shortestPaths(int origin, boolean upOnly) {
        int[] previous = new int[ids.size()];
        Arrays.fill(previous, -1);
        int start = index(origin);
        if (start < 0) {
            return previous;
        }
        previous[start] = start;
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(origin);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            if (upOnly && u != origin && !node(u).health().isUp()) {
                continue; // reached, but nothing goes through it
            }
            for (int v : neighbours(u)) {
                int at = index(v);
                if (previous[at] >= 0 || (upOnly && !links.get(key(u, v)).status().health().isUp())) {
                    continue;
                }
                previous[at] = index(u);
                queue.add(v);
            }
        }
        return previous;
    }

    private int[] distances(int origin, int[] previous) {
        int[] distance = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            int hops = 0;
            int at = i;
            if (previous[at] < 0) {
                distance[i] = -1;
                continue;
            }
            while (ids.get(at) != origin) {
                at = previous[at];
                hops++;
            }
            distance[i] = hops;
        }
        return distance;
    }

    /** The links from {@code origin} to {@code node}, origin first; null when the search did not reach it. */
    private List<Long> route(int origin, int node, int[] previous) {
        int at = index(node);
        if (at < 0 || previous[at] < 0) {
            return null;
        }
        List<Long> keys = new ArrayList<>();
        while (ids.get(at) != origin) {
            int before = previous[at];
            keys.add(0, key(ids.get(before), ids.get(at)));
            at = before;
        }
        return keys;
    }

    /** The static shape: nodes 0 to the highest id known (ids nobody reports are unknown nodes), and every link. */
    Topology topology() {
        List<Topology.NodeSpec> specs = new ArrayList<>();
        int highest = nodes.isEmpty() ? -1 : nodes.lastKey();
        for (int id = 0; id <= highest; id++) {
            specs.add(new Topology.NodeSpec(id, "node-" + id, knows(id) ? node(id).cpuGHz() : settings.referenceCpuGHz()));
        }
        List<Topology.LinkSpec> linkSpecs = new ArrayList<>();
        for (LiveLink link : links.values()) {
            LinkStatus s = link.status();
            linkSpecs.add(new Topology.LinkSpec(s.a(), s.b(), s.rateMBps(), s.rateMBps(),
                    Double.isFinite(s.latencyMs()) ? s.latencyMs() : 0.0));
        }
        return new Topology(specs, linkSpecs);
    }
}
