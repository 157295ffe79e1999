package org.ledrl.live;

import java.util.List;

/** The live network now: every node and link telemetry or the configuration knows, by id. */
public record LiveNetwork(int localNode, List<LiveNode> nodes, List<LiveLink> links, long timestampMillis) {

    public LiveNetwork {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }
}
