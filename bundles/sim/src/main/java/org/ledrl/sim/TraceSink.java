package org.ledrl.sim;

import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Outcome;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every task outcome (and network event) of a run as it happens, e.g. to write a trace
 * file ({@link JsonlTrace}). {@link #NONE} discards them.
 */
@ConsumerType
public interface TraceSink {

    TraceSink NONE = (episode, outcome) -> {
    };

    void outcome(int episode, Outcome outcome);

    default void event(int episode, EnvironmentEvent event) {
    }
}
