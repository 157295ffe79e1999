package org.ledrl.metrics;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The live view of recent outcomes: a sliding window over the last outcomes and decisions the
 * platform saw. The metrics bundle registers it together with its {@code metrics} evaluator; the
 * runtime, the REST API and the console read it. Thread-safe.
 */
@ProviderType
public interface LiveMetrics {

    /** What the window holds now. */
    LiveWindow snapshot();
}
