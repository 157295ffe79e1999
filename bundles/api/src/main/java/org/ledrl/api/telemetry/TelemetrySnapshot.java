package org.ledrl.api.telemetry;

import java.util.List;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;

/** The latest status a telemetry source has of the nodes and links it knows. */
public record TelemetrySnapshot(String source, List<NodeStatus> nodes, List<LinkStatus> links, long timestampMillis) {

    public TelemetrySnapshot {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }
}
