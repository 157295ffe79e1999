package org.ledrl.live.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ledrl.api.health.BoundedBuffers;
import org.ledrl.api.health.BufferStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every bounded buffer of the platform for {@code status} and the REST health: the live runtime's
 * own, then those of each {@link BoundedBuffers} service (prior board, reflective memory, answer
 * caches, telemetry tables), sorted by name. A service that fails is left out.
 */
final class LiveBuffers {

    private static final Logger LOG = LoggerFactory.getLogger(LiveBuffers.class);

    private final List<BoundedBuffers> services = new CopyOnWriteArrayList<>();

    void add(BoundedBuffers service) {
        services.add(service);
    }

    void remove(BoundedBuffers service) {
        services.remove(service);
    }

    List<BufferStatus> gather(PendingTasks pending, LiveEnvironment environment, ActivityLog activity,
                              NetworkState state) {
        List<BufferStatus> all = new ArrayList<>();
        all.add(new BufferStatus("live.pending-tasks", pending.size(), pending.capacity(), pending.expired()));
        all.addAll(environment.buffers());
        all.add(activity.failuresBuffer());
        all.add(new BufferStatus("live.network-nodes", state.nodes().size(), state.nodeBound(), state.ignoredNodes()));
        all.add(new BufferStatus("live.network-links", state.links().size(), state.linkBound(), state.ignoredLinks()));
        for (BoundedBuffers service : services) {
            try {
                all.addAll(service.buffers());
            } catch (RuntimeException e) {
                LOG.debug("Bounded buffers of {} could not be read", service, e);
            }
        }
        all.sort((x, y) -> x.name().compareTo(y.name()));
        return List.copyOf(all);
    }
}
