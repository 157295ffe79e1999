package org.ledrl.live;

import org.ledrl.api.model.Task;

/**
 * A task a gateway wants placed, as the REST API and MQTT receive it (see {@link LiveJson}). The
 * compute demand is given either as cycles per bit or as the expected compute time on a reference
 * CPU; exactly one of the two is a positive number, the other NaN.
 *
 * @param requestId      the caller's correlation id, echoed in the reply ({@code ""} when none)
 * @param origin         the node the task arrived at, or -1 for this gateway's own node
 * @param sizeKB         input size in kilobytes
 * @param cyclesPerBit   CPU cycles per input bit, or NaN when {@code computeSeconds} is given
 * @param computeSeconds expected compute time on the reference CPU, or NaN when {@code cyclesPerBit} is given
 * @param deadlineS      relative deadline in seconds
 * @param type           the task type name, e.g. {@code video-analytics}
 */
public record TaskRequest(String requestId, int origin, double sizeKB, double cyclesPerBit, double computeSeconds,
                          double deadlineS, String type) {

    /** What {@link #origin()} is when the request names none: this gateway's node. */
    public static final int LOCAL_ORIGIN = -1;

    /** The task type when the request names none. */
    public static final String DEFAULT_TYPE = "generic";

    /** Cycles per bit, from the compute time on a {@code referenceCpuGHz} CPU when that is what was given. */
    public double cyclesPerBit(double referenceCpuGHz) {
        if (!Double.isNaN(cyclesPerBit)) {
            return cyclesPerBit;
        }
        return computeSeconds * referenceCpuGHz * 1e9 / (sizeKB * Task.BITS_PER_KB);
    }
}
