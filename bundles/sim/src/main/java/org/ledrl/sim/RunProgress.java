package org.ledrl.sim;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears how far a run is, once per slot; {@link #NONE} ignores it. Must return quickly. */
@ConsumerType
@FunctionalInterface
public interface RunProgress {

    RunProgress NONE = (slotsDone, totalSlots, tasks, successes) -> {
    };

    /**
     * @param slotsDone  slots simulated so far over all episodes
     * @param totalSlots slots of the whole run
     * @param tasks      tasks ended so far
     * @param successes  of which succeeded
     */
    void update(long slotsDone, long totalSlots, long tasks, long successes);
}
