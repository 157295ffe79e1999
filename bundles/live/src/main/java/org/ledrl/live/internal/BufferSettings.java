package org.ledrl.live.internal;

/**
 * The live runtime's own bounds, from {@link LiveRuntimeComponent.Config}, checked with the key named.
 *
 * @param maxPendingTasks      most decided tasks kept waiting for their outcome
 * @param outcomeTimeoutMillis a task not reported within this is forgotten
 * @param activityMinutes      the activity window
 * @param slotBufferSize       most tasks, and most outcomes, kept for a slot-by-slot caller between two steps
 */
record BufferSettings(int maxPendingTasks, long outcomeTimeoutMillis, int activityMinutes, int slotBufferSize) {

    static BufferSettings of(LiveRuntimeComponent.Config config) {
        String pid = LiveRuntimeComponent.PID + ": ";
        require(config.outcomeTimeoutSeconds() >= 1, pid + "outcomeTimeoutSeconds must be 1 or more, was "
                + config.outcomeTimeoutSeconds());
        require(config.maxPendingTasks() >= 1, pid + "maxPendingTasks must be 1 or more, was "
                + config.maxPendingTasks());
        require(config.activityMinutes() >= 1 && config.activityMinutes() <= 1440, pid + "activityMinutes must be 1 "
                + "to 1440, was " + config.activityMinutes());
        require(config.slotBufferSize() >= 1, pid + "slotBufferSize must be 1 or more, was "
                + config.slotBufferSize());
        return new BufferSettings(config.maxPendingTasks(), config.outcomeTimeoutSeconds() * 1000L,
                config.activityMinutes(), config.slotBufferSize());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
