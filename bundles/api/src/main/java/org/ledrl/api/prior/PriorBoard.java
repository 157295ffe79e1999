package org.ledrl.api.prior;

import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The latest strategy prior per node, refreshed in the background by a {@link PriorProvider}.
 * Decisions read it; they never wait for it. Thread-safe.
 */
@ProviderType
public interface PriorBoard {

    /** The newest prior for {@code node}, or {@link StrategyPrior#none(int)} when there is none yet. Never blocks. */
    StrategyPrior latest(int node);

    /**
     * Tells the board what a node sees now. The board decides whether that calls for a fresh prior
     * (every K slots, on a failure or a large change) and asks the provider asynchronously. Never blocks.
     */
    void observe(Observation observation);
}
