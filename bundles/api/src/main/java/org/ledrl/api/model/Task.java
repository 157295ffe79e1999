package org.ledrl.api.model;

/**
 * A task that arrived at node {@code origin} and needs one node to execute it.
 *
 * <p>Sizes are in kilobytes of 1000 bytes (see DESIGN.md: the paper's "KB" read as kilobits would
 * make every task miss its deadline). Compute demand is {@code bits() * cyclesPerBit}.
 *
 * @param id           unique within one environment run
 * @param origin       the node the task arrived at (the agent that decides)
 * @param arrivalMillis arrival time on the environment's clock
 * @param sizeKB       input size in kilobytes
 * @param cyclesPerBit CPU cycles needed per input bit
 * @param deadlineS    relative deadline in seconds
 * @param type         semantic task type name (e.g. {@code video-analytics}); prompts describe it
 */
public record Task(long id, int origin, long arrivalMillis, double sizeKB, double cyclesPerBit, double deadlineS,
                   String type) {

    public static final double BITS_PER_KB = 8_000.0;

    public double bits() {
        return sizeKB * BITS_PER_KB;
    }

    public double sizeMB() {
        return sizeKB / 1000.0;
    }

    /** CPU cycles this task needs. */
    public double cycles() {
        return bits() * cyclesPerBit;
    }
}
