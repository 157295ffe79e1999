package org.ledrl.live.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What the live network takes from the configuration rather than from telemetry: this gateway's
 * node id, links with their nominal capacity, and the system model's constants (DESIGN.md). Built
 * from {@link LiveRuntimeComponent.Config}; every value checked, with the configuration key named.
 *
 * @param localNode            this gateway's node
 * @param links                links declared in the configuration
 * @param referenceCpuGHz      CPU frequency assumed where telemetry has none, and the reference CPU of a task's
 *                             {@code computeSeconds}
 * @param maxHops              how far a task may be sent, in links
 * @param nodeFailureRate      node failure rate per second, for reliability estimates
 * @param linkFailureRate      link failure rate per second, for reliability estimates
 * @param reliabilityThreshold reliability a task needs to count as a success
 * @param staleAfterMillis     status older than this is unknown, never healthy
 * @param latencyWeight        reward = +1 success / -1 failure, minus this times min(1, latency/deadline)
 * @param maxNodeId            the largest node id the network takes; telemetry of other ids is ignored
 * @param maxLinks             the most links the network takes, configured ones first
 * @param expectedNodes        the ids the network may hold ({@code nodes}); null: every id up to {@code maxNodeId}
 */
record NetworkSettings(int localNode, List<StaticLink> links, double referenceCpuGHz, int maxHops,
                       double nodeFailureRate, double linkFailureRate, double reliabilityThreshold,
                       long staleAfterMillis, double latencyWeight, int maxNodeId, int maxLinks, BitSet expectedNodes) {

    /** Highest {@code maxNodeId} allowed: the topology lists every id up to it, so it must stay small. */
    static final int MAX_NODE_ID_LIMIT = 65_535;
    /** Highest {@code maxLinks} allowed. */
    static final int MAX_LINKS_LIMIT = 1_000_000;

    NetworkSettings {
        links = List.copyOf(links);
        expectedNodes = expectedNodes == null ? null : (BitSet) expectedNodes.clone();
    }

    /** Whether the network takes this node id: at most {@code maxNodeId}, and one of {@code nodes} if given. */
    boolean admits(int node) {
        return node >= 0 && node <= maxNodeId && (expectedNodes == null || expectedNodes.get(node));
    }

    /**
     * The ids of a {@code nodes} setting: ids and ranges {@code a-b}, each from 0 to {@code maxNodeId}; null when
     * the setting is empty (every id admitted).
     */
    static BitSet parseNodes(String key, String[] specs, int maxNodeId) {
        BitSet ids = new BitSet();
        for (String raw : specs) {
            String spec = raw.strip();
            if (spec.isEmpty()) {
                continue;
            }
            String[] ends = spec.split("-", -1);
            int from;
            int to;
            try {
                if (ends.length > 2) {
                    throw new NumberFormatException();
                }
                from = Integer.parseInt(ends[0].strip());
                to = ends.length == 2 ? Integer.parseInt(ends[1].strip()) : from;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + spec + "' is not a node id or a range of ids such "
                        + "as 8-11", e);
            }
            require(from >= 0 && from <= to && to <= maxNodeId, key + ": '" + spec + "' must be ids from 0 to "
                    + "maxNodeId (" + maxNodeId + "), the smaller first");
            ids.set(from, to + 1);
        }
        return ids.isEmpty() ? null : ids;
    }

    /** A link of the configuration: {@code a-b:rateMBps} or {@code a-b:rateMBps:latencyMs}. */
    record StaticLink(int a, int b, double rateMBps, double latencyMs) {

        static StaticLink parse(String key, String text) {
            String spec = text.strip();
            String[] parts = spec.split(":", -1); // -1: ":" is two empty parts, never none
            String[] ends = parts[0].split("-", -1);
            try {
                if (parts.length < 2 || parts.length > 3 || ends.length != 2) {
                    throw new NumberFormatException();
                }
                int a = Integer.parseInt(ends[0].strip());
                int b = Integer.parseInt(ends[1].strip());
                double rate = Double.parseDouble(parts[1].strip());
                double latency = parts.length == 3 ? Double.parseDouble(parts[2].strip()) : 0.0;
                if (a < 0 || b < 0 || a == b) {
                    throw new IllegalArgumentException(key + ": link '" + spec + "' must join two different nodes "
                            + "with ids 0 or more");
                }
                if (!(rate > 0) || Double.isInfinite(rate) || !(latency >= 0) || Double.isInfinite(latency)) {
                    throw new IllegalArgumentException(key + ": link '" + spec + "' needs a rate above 0 MB/s and a "
                            + "latency of 0 ms or more");
                }
                return new StaticLink(Math.min(a, b), Math.max(a, b), rate, latency);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": link '" + spec + "' is not a-b:rateMBps or "
                        + "a-b:rateMBps:latencyMs (e.g. 0-1:25 or 0-1:25:4)", e);
            }
        }
    }

    /** Checks and converts a configuration; the message of any failure names the key and the value. */
    static NetworkSettings of(LiveRuntimeComponent.Config config) {
        String pid = LiveRuntimeComponent.PID + ": ";
        int maxNodeId = config.maxNodeId();
        require(maxNodeId >= 0 && maxNodeId <= MAX_NODE_ID_LIMIT, pid + "maxNodeId must be 0 to " + MAX_NODE_ID_LIMIT
                + ", was " + maxNodeId);
        require(config.maxLinks() >= 1 && config.maxLinks() <= MAX_LINKS_LIMIT, pid + "maxLinks must be 1 to "
                + MAX_LINKS_LIMIT + ", was " + config.maxLinks());
        require(config.localNode() >= 0 && config.localNode() <= maxNodeId, pid + "localNode must be a node id from 0 "
                + "to maxNodeId (" + maxNodeId + "), was " + config.localNode());
        BitSet expected = parseNodes(pid + "nodes", config.nodes(), maxNodeId);
        require(expected == null || expected.get(config.localNode()), pid + "nodes: the local node ("
                + config.localNode() + ") must be one of them");
        List<StaticLink> links = new ArrayList<>();
        for (String spec : config.links()) {
            if (!spec.isBlank()) {
                StaticLink link = StaticLink.parse(pid + "links", spec);
                require(links.stream().noneMatch(l -> l.a() == link.a() && l.b() == link.b()),
                        pid + "links: link " + link.a() + "-" + link.b() + " is declared twice");
                require(link.b() <= maxNodeId, pid + "links: link " + link.a() + "-" + link.b()
                        + " names a node above maxNodeId (" + maxNodeId + ")");
                require(expected == null || expected.get(link.a()) && expected.get(link.b()), pid + "links: link "
                        + link.a() + "-" + link.b() + " names a node that is not one of nodes");
                links.add(link);
            }
        }
        require(links.size() <= config.maxLinks(), pid + "links: " + links.size() + " links declared, more than "
                + "maxLinks (" + config.maxLinks() + ")");
        require(config.referenceCpuGHz() > 0 && config.referenceCpuGHz() < 1000,
                pid + "referenceCpuGHz must be above 0 and below 1000, was " + config.referenceCpuGHz());
        require(config.maxHops() >= 1 && config.maxHops() <= 16, pid + "maxHops must be 1 to 16, was " + config.maxHops());
        require(config.nodeFailureRate() >= 0 && Double.isFinite(config.nodeFailureRate()),
                pid + "nodeFailureRate must be 0 or more per second, was " + config.nodeFailureRate());
        require(config.linkFailureRate() >= 0 && Double.isFinite(config.linkFailureRate()),
                pid + "linkFailureRate must be 0 or more per second, was " + config.linkFailureRate());
        require(config.reliabilityThreshold() >= 0 && config.reliabilityThreshold() <= 1,
                pid + "reliabilityThreshold must be in [0,1], was " + config.reliabilityThreshold());
        require(config.staleAfterMillis() > 0, pid + "staleAfterMillis must be above 0, was " + config.staleAfterMillis());
        require(config.latencyWeight() >= 0 && Double.isFinite(config.latencyWeight()),
                pid + "latencyWeight must be 0 or more, was " + config.latencyWeight());
        return new NetworkSettings(config.localNode(), links, config.referenceCpuGHz(), config.maxHops(),
                config.nodeFailureRate(), config.linkFailureRate(), config.reliabilityThreshold(),
                config.staleAfterMillis(), config.latencyWeight(), maxNodeId, config.maxLinks(), expected);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
