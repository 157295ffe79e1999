package org.ledrl.sim.internal;

/**
 * The simulation's random streams, in one place so that no two share an id, and the draws that decide whether an
 * execution or a transfer attempt fails. Every draw is a {@link Mix#hash} of the episode seed, the stream and what
 * it is for; the failure draws of a task depend on its id (and a transfer's on the hop's index on the path and the
 * attempt), never on where a policy sends it. So the simulator and the headroom read the same draws.
 */
public final class Draws {

    public static final long ARRIVAL = 1;
    public static final long TASK_TYPE = 2;
    public static final long TASK_SIZE = 3;
    public static final long TASK_CYCLES = 4;
    public static final long EXECUTION = 5;
    public static final long TRANSMISSION = 6;
    public static final long NODE_STREAM = 7;
    public static final long LINK_STREAM = 8;
    public static final long LINK_RATE = 9;
    public static final long EXECUTION_POINT = 10;
    /** Which nodes and links are flaky, and their log-normal spread: from the scenario seed. */
    public static final long RELIABILITY = 11;
    /** The good/bad chain of each node and link: from the episode seed. */
    public static final long BURSTS = 12;
    /** Plus the attempt: one stream per resend. */
    public static final long RETRANSMISSION = 1L << 32;

    private Draws() {
    }

    /** Whether the execution of task {@code taskId} fails, wherever it runs, at {@code rate} per execution. */
    public static boolean executionFails(long seed, long taskId, double rate) {
        return Mix.unit(Mix.hash(seed, EXECUTION, taskId)) < rate;
    }

    /** Where in its compute time a failing execution stops, as a fraction in [0,1). */
    public static double executionPoint(long seed, long taskId) {
        return Mix.unit(Mix.hash(seed, EXECUTION_POINT, taskId));
    }

    /**
     * Whether attempt {@code attempt} (0 the first) of task {@code taskId} at the {@code hop}-th hop of its path fails,
     * at {@code rate} per attempt; the first attempt draws as it did before resends existed.
     */
    public static boolean transmissionFails(long seed, long taskId, int hop, int attempt, double rate) {
        if (rate == 0) {
            return false;
        }
        long draw = attempt == 0 ? Mix.hash(seed, TRANSMISSION, taskId, hop)
                : Mix.hash(seed, RETRANSMISSION + attempt, taskId, hop);
        return Mix.unit(draw) < rate;
    }
}
