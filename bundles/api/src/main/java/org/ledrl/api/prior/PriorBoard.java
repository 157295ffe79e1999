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

    /** The null board, for where there is none: no prior for any node, and nothing observed (since 1.3). */
    PriorBoard NONE = new PriorBoard() {
        @Override
        public StrategyPrior latest(int node) {
            return StrategyPrior.none(node);
        }

        @Override
        public void observe(Observation observation) {
        }
    };

    /** The newest prior for {@code node}, or {@link StrategyPrior#none(int)} when there is none yet. Never blocks. */
    StrategyPrior latest(int node);

    /**
     * Tells the board what a node sees now. The board decides whether that calls for a fresh prior
     * (every K slots, on a failure or a large change) and asks the provider asynchronously. Never blocks.
     */
    void observe(Observation observation);
}
