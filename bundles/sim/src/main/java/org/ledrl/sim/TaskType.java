package org.ledrl.sim;

/**
 * A kind of task with its own ranges, e.g. video analytics (large inputs, light compute per bit) or
 * control (small inputs, tight deadline). The name and description are what prompts show an LLM.
 *
 * @param name         label, e.g. {@code video-analytics}
 * @param description  one sentence for people and prompts
 * @param weight       relative share of arrivals
 * @param sizeKB       input size range, kilobytes
 * @param cyclesPerBit compute demand range, CPU cycles per input bit
 * @param deadlineS    relative deadline, seconds
 */
public record TaskType(String name, String description, double weight, Range sizeKB, Range cyclesPerBit,
                       double deadlineS) {
}
