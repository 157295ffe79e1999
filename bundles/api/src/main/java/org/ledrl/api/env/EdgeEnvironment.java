package org.ledrl.api.env;

import java.util.List;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Topology;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A multi-agent task-offloading environment: one agent per node, each seeing only its
 * neighbourhood. The simulator implements it for training and evaluation; the live runtime
 * implements it from telemetry. Not thread-safe: one caller drives one instance.
 */
@ProviderType
public interface EdgeEnvironment {

    Topology topology();

    /** Starts an episode; the same seed gives the same episode, bit for bit. */
    Slot reset(long seed);

    /**
     * Applies one decision per observation of the current slot (same order) and advances one slot.
     * A decision for a node that is not among the observation's candidates ends that task with
     * {@link org.ledrl.api.model.FailureReason#POLICY_ERROR}.
     */
    Slot step(List<Decision> decisions);

    /** The global state for a centralised critic: a fixed-length vector for this topology. */
    float[] globalState();
}
