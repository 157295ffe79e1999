package org.ledrl.live;

import java.util.List;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.StrategyPrior;

/**
 * One node of the live network as the console, the REST API and the {@code nodes} command show it.
 *
 * @param status     its status as decisions see it ({@code UNKNOWN} when stale), with the runtime's
 *                   estimates filled in where telemetry has none (CPU frequency, queue wait)
 * @param stale      whether the telemetry is missing or older than the staleness limit
 * @param local      whether it is this gateway's own node
 * @param neighbours nodes one link away, by id
 * @param prior      the latest strategy prior for it ({@link StrategyPrior#none} when there is none)
 */
public record LiveNode(NodeStatus status, boolean stale, boolean local, List<Integer> neighbours, StrategyPrior prior) {

    public LiveNode {
        neighbours = List.copyOf(neighbours);
    }

    public int id() {
        return status.node();
    }
}
