package org.ledrl.live.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.live.LiveLink;
import org.ledrl.telemetry.TelemetryView;

/**
 * What telemetry and the configuration say about the network's nodes and links, staleness applied: all of a
 * {@link NetworkState} but the time and the runtime's queue estimates, which change with every decision. Building
 * it merges, sorts and indexes every status (tens of microseconds at 20 nodes, hundreds at 50 with every link
 * measured), so the runtime keeps it while it {@linkplain #holdsFor holds}: the same settings, the same lists from
 * each source (a {@code StatusBoard} hands out the same lists until a status changes), and a clock before the next
 * time a status turns stale. The routes from each origin are worked out once, when first asked.
 *
 * <p>Immutable but for those routes; thread-safe. Bounded: one route list per node, and nodes are bounded as
 * {@link NetworkState#of} says.
 */
final class LiveTopology {

    /** A candidate's way from an origin: the links' sums, and whether all of it is up. */
    record Route(int node, int hops, double secondsPerMB, double latencyS, boolean up) {
    }

    private final NetworkSettings settings;
    private final List<Object> inputs; // each source's node and link lists, compared by identity
    private final long from;
    private final long until;
    private final int[] ids; // ascending
    private final int[] indexOf; // by node id (at most maxNodeId, itself at most 65,535), -1 where absent
    private final NodeStatus[] statuses; // staleness and CPU applied; queue wait as telemetry says (may be NaN)
    private final boolean[] reported; // whether some source reported the node (else its status is a placeholder)
    private final boolean[] stale;
    private final TreeMap<Long, LiveLink> links;
    private final Set<Long> declaredOnly; // configured links no source measured: each state stamps them
    private final Map<Integer, List<Integer>> neighbours;
    private final int ignoredNodes;
    private final int ignoredLinks;
    private final Map<Integer, List<Route>> routes = new ConcurrentHashMap<>();

    private LiveTopology(NetworkSettings settings, List<Object> inputs, long from, long until, int[] ids,
                         NodeStatus[] statuses, boolean[] reported, boolean[] stale, TreeMap<Long, LiveLink> links,
                         Set<Long> declaredOnly, int ignoredNodes, int ignoredLinks) {
        this.settings = settings;
        this.inputs = inputs;
        this.from = from;
        this.until = until;
        this.ids = ids;
        this.statuses = statuses;
        this.reported = reported;
        this.stale = stale;
        this.links = links;
        this.declaredOnly = declaredOnly;
        this.ignoredNodes = ignoredNodes;
        this.ignoredLinks = ignoredLinks;
        indexOf = new int[ids.length == 0 ? 0 : ids[ids.length - 1] + 1];
        Arrays.fill(indexOf, -1);
        for (int i = 0; i < ids.length; i++) {
            indexOf[ids[i]] = i;
        }
        Map<Integer, List<Integer>> adjacency = new HashMap<>();
        for (LiveLink link : links.values()) {
            adjacency.computeIfAbsent(link.status().a(), n -> new ArrayList<>()).add(link.status().b());
            adjacency.computeIfAbsent(link.status().b(), n -> new ArrayList<>()).add(link.status().a());
        }
        adjacency.values().forEach(list -> list.sort(Integer::compare));
        this.neighbours = adjacency;
    }

    /** This topology when it still describes these inputs at {@code now}; else one built from them. */
    static LiveTopology reuseOrBuild(LiveTopology known, NetworkSettings settings,
                                     Collection<TelemetrySnapshot> snapshots, long now) {
        return known != null && known.holdsFor(settings, snapshots, now) ? known : of(settings, snapshots, now);
    }

    /** Whether a build from these inputs at {@code now} would give this topology. */
    boolean holdsFor(NetworkSettings current, Collection<TelemetrySnapshot> snapshots, long now) {
        if (current != settings || now < from || now >= until || 2 * snapshots.size() != inputs.size()) {
            return false;
        }
        int at = 0;
        for (TelemetrySnapshot snapshot : snapshots) {
            if (snapshot.nodes() != inputs.get(at++) || snapshot.links() != inputs.get(at++)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Builds the topology. Node ids above {@code maxNodeId} or not among {@code nodes}, links with such an end, and
     * measured links beyond {@code maxLinks} (configured links first, then by end points) are left out and counted.
     */
    static LiveTopology of(NetworkSettings settings, Collection<TelemetrySnapshot> snapshots, long now) {
        List<Object> inputs = new ArrayList<>(2 * snapshots.size());
        for (TelemetrySnapshot snapshot : snapshots) {
            inputs.add(snapshot.nodes());
            inputs.add(snapshot.links());
        }
        TelemetryView view = TelemetryView.of(snapshots);
        TreeSet<Integer> idSet = new TreeSet<>();
        idSet.add(settings.localNode());
        Set<Integer> known = new HashSet<>();
        int ignoredNodes = 0;
        for (NodeStatus status : view.nodes()) {
            known.add(status.node());
            if (settings.admits(status.node())) {
                idSet.add(status.node());
            } else {
                ignoredNodes++;
            }
        }

        long until = Long.MAX_VALUE;
        TreeMap<Long, LiveLink> links = new TreeMap<>();
        TreeMap<Long, LinkStatus> measured = new TreeMap<>();
        Set<Long> declaredOnly = new HashSet<>();
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
                declaredOnly.add(key);
                links.put(key, new LiveLink(new LinkStatus(configured.a(), configured.b(), Health.UP,
                        configured.rateMBps(), configured.latencyMs(), 0, now), false, true));
            } else {
                links.put(key, measuredLink(settings, telemetry, now, configured.rateMBps(), configured.latencyMs(),
                        true));
            }
        }
        for (Map.Entry<Long, LinkStatus> entry : measured.entrySet()) {
            if (links.size() >= settings.maxLinks()) {
                ignoredLinks++;
            } else {
                links.put(entry.getKey(), measuredLink(settings, entry.getValue(), now, Double.NaN, Double.NaN, false));
            }
        }
        for (Map.Entry<Long, LiveLink> entry : links.entrySet()) {
            LiveLink link = entry.getValue();
            idSet.add(link.status().a());
            idSet.add(link.status().b());
            if (!link.stale() && !declaredOnly.contains(entry.getKey())) {
                until = Math.min(until, staleFrom(settings, link.status().timestampMillis(), now));
            }
        }

        int[] ids = idSet.stream().mapToInt(Integer::intValue).toArray();
        NodeStatus[] statuses = new NodeStatus[ids.length];
        boolean[] reported = new boolean[ids.length];
        boolean[] stale = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            NodeStatus status = view.node(id);
            boolean old = old(settings, status.health(), status.timestampMillis(), now);
            if (old && status.health() != Health.UNKNOWN) {
                status = status.stale();
            }
            double cpuGHz = Double.isFinite(status.cpuGHz()) && status.cpuGHz() > 0 ? status.cpuGHz()
                    : settings.referenceCpuGHz();
            statuses[i] = new NodeStatus(id, status.health(), cpuGHz, status.cpuLoad(), status.queueLength(),
                    status.queueSeconds(), status.memoryLoad(), status.gpuLoad(), status.temperatureC(),
                    status.recentFailures(), status.timestampMillis());
            reported[i] = known.contains(id);
            stale[i] = old;
            if (!old) { // a placeholder is unknown, so old
                until = Math.min(until, staleFrom(settings, status.timestampMillis(), now));
            }
        }
        return new LiveTopology(settings, List.copyOf(inputs), now, until, ids, statuses, reported, stale, links,
                Set.copyOf(declaredOnly), ignoredNodes, ignoredLinks);
    }

    private static LiveLink measuredLink(NetworkSettings settings, LinkStatus telemetry, long now, double rateMBps,
                                         double latencyMs, boolean configured) {
        boolean old = old(settings, telemetry.health(), telemetry.timestampMillis(), now);
        Health health = old ? Health.UNKNOWN : telemetry.health();
        double rate = Double.isFinite(telemetry.rateMBps()) && telemetry.rateMBps() > 0 ? telemetry.rateMBps()
                : rateMBps;
        double latency = Double.isFinite(telemetry.latencyMs()) ? telemetry.latencyMs() : latencyMs;
        return new LiveLink(new LinkStatus(telemetry.a(), telemetry.b(), health, rate, latency,
                telemetry.recentFailures(), telemetry.timestampMillis()), old, configured);
    }

    /** Whether a status counts as unknown at {@code now}: reported so, or older than the staleness limit. */
    private static boolean old(NetworkSettings settings, Health health, long timestampMillis, long now) {
        return health == Health.UNKNOWN || now - timestampMillis > settings.staleAfterMillis();
    }

    /**
     * When a status fresh at {@code now} turns stale: the first time its age exceeds the limit (a stale or unknown one
     * stays so while the clock moves on). Where that sum overflows (a timestamp far from the clock), {@code now + 1}:
     * the next decision builds again.
     */
    private static long staleFrom(NetworkSettings settings, long timestampMillis, long now) {
        long from = timestampMillis + settings.staleAfterMillis() + 1;
        return from > now ? from : now + 1;
    }

    /** A link's key: its end points, lower first, so that keys sort by end points. */
    static long key(int a, int b) {
        return ((long) Math.min(a, b) << 32) | (Math.max(a, b) & 0xffffffffL);
    }

    NetworkSettings settings() {
        return settings;
    }

    int size() {
        return ids.length;
    }

    /** The node at {@code index} (ids ascending). */
    int id(int index) {
        return ids[index];
    }

    /** The index of {@code node}, -1 when the topology does not hold it. */
    int index(int node) {
        return node >= 0 && node < indexOf.length ? indexOf[node] : -1;
    }

    /** The node's status with its queue wait as telemetry reported it (NaN where it did not). */
    NodeStatus status(int index) {
        return statuses[index];
    }

    /** Whether some source reported the node: if not, its status is a placeholder stamped with the view's time. */
    boolean reported(int index) {
        return reported[index];
    }

    boolean stale(int index) {
        return stale[index];
    }

    /** The links by key ({@link #key}), so by end points. */
    SortedMap<Long, LiveLink> links() {
        return Collections.unmodifiableSortedMap(links);
    }

    /** Whether the link is configured and no source measured it: its status carries the time of a state. */
    boolean declaredOnly(long key) {
        return declaredOnly.contains(key);
    }

    List<Integer> neighbours(int id) {
        return neighbours.getOrDefault(id, List.of());
    }

    int ignoredNodes() {
        return ignoredNodes;
    }

    int ignoredLinks() {
        return ignoredLinks;
    }

    /** The nodes within {@code maxHops} of {@code origin}, nearest first and by id, with their routes. */
    List<Route> routesFrom(int origin) {
        return routes.computeIfAbsent(origin, this::findRoutes);
    }

    private List<Route> findRoutes(int origin) {
        int[] anyPath = shortestPaths(origin, false);
        int[] upPath = shortestPaths(origin, true);
        int[] distance = distances(origin, anyPath);
        List<Integer> reachable = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != origin && distance[i] >= 1 && distance[i] <= settings.maxHops()) {
                reachable.add(ids[i]);
            }
        }
        reachable.sort((x, y) -> {
            int byHops = Integer.compare(distance[index(x)], distance[index(y)]);
            return byHops != 0 ? byHops : Integer.compare(x, y);
        });
        List<Route> found = new ArrayList<>(reachable.size());
        for (int node : reachable) {
            List<Long> upRoute = route(origin, node, upPath);
            boolean up = upRoute != null && upRoute.size() <= settings.maxHops();
            found.add(route(node, up ? upRoute : route(origin, node, anyPath), up));
        }
        return List.copyOf(found);
    }

    private Route route(int node, List<Long> keys, boolean up) {
        double secondsPerMB = 0;
        double latencyS = 0;
        for (long key : keys) {
            LinkStatus link = links.get(key).status();
            secondsPerMB += 1.0 / link.rateMBps(); // NaN where no rate is known: the estimates stay unknown
            latencyS += Double.isFinite(link.latencyMs()) ? link.latencyMs() / 1000.0 : 0.0;
        }
        return new Route(node, keys.size(), secondsPerMB, latencyS, up);
    }

    /**
     * Breadth-first search from {@code origin}: the predecessor of each node (by index in the sorted ids), -1 where
     * unreached. With {@code upOnly}, only through links that are up and nodes that are up (the end node itself may
     * be anything: the candidate's status tells).
     */
    private int[] shortestPaths(int origin, boolean upOnly) {
        int[] previous = new int[ids.length];
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
            if (upOnly && u != origin && !statuses[index(u)].health().isUp()) {
                continue; // reached, but nothing goes through it
            }
            for (int v : neighbours(u)) {
                int at = index(v);
                if (previous[at] >= 0
                        || (upOnly && !links.get(key(u, v)).status().health().isUp())) {
                    continue;
                }
                previous[at] = index(u);
                queue.add(v);
            }
        }
        return previous;
    }

    private int[] distances(int origin, int[] previous) {
        int[] distance = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int hops = 0;
            int at = i;
            if (previous[at] < 0) {
                distance[i] = -1;
                continue;
            }
            while (ids[at] != origin) {
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
        while (ids[at] != origin) {
            int before = previous[at];
            keys.add(0, key(ids[before], ids[at]));
            at = before;
        }
        return keys;
    }
}
