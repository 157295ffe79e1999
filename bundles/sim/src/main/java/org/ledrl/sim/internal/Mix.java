package org.ledrl.sim.internal;

/**
 * Stateless random numbers: a hash of (seed, stream, index) gives the same draw whatever else the
 * simulation did before, so every policy sees the same arrivals and the same failure processes
 * (common random numbers) and a run is reproducible bit for bit. SplitMix64's finaliser.
 */
public final class Mix {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Mix() {
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long hash(long seed, long stream, long index) {
        return mix(mix(mix(seed + GOLDEN) + stream * GOLDEN) + index * GOLDEN);
    }

    public static long hash(long seed, long stream, long index, long sub) {
        return mix(hash(seed, stream, index) + sub * GOLDEN);
    }

    /** A double uniform in [0,1) from the top 53 bits. */
    public static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** The next state of a SplitMix64 stream; draw with {@code unit(mix(state))}. */
    public static long advance(long state) {
        return state + GOLDEN;
    }

    /** An exponential waiting time with {@code rate} per second; infinite for rate 0. */
    public static double exponential(double u, double rate) {
        return rate <= 0 ? Double.POSITIVE_INFINITY : -Math.log1p(-u) / rate;
    }

    /** Trials until the first success (at least 1) with success probability {@code p}; infinite for p 0. */
    public static double geometric(double u, double p) {
        if (p >= 1) {
            return 1;
        }
        if (p <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 1 + Math.floor(Math.log1p(-u) / Math.log1p(-p));
    }
}
