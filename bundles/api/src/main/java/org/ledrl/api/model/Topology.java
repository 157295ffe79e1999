package org.ledrl.api.model;

import java.util.List;

/**
 * The static shape of an edge network: nodes with their nominal capacity and undirected links
 * with their nominal rate range. Node ids are {@code 0..nodes().size()-1}.
 */
public record Topology(List<NodeSpec> nodes, List<LinkSpec> links) {

    public Topology {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /** A node: id, display name and CPU frequency. */
    public record NodeSpec(int id, String name, double cpuGHz) {
    }

    /** An undirected link with its nominal rate range and latency. */
    public record LinkSpec(int a, int b, double minRateMBps, double maxRateMBps, double latencyMs) {
    }

    public int size() {
        return nodes.size();
    }
}
