package org.ledrl.prior;

/**
 * When a prior board asks for a fresh prior, and how many requests may wait at once.
 *
 * @param everySlots       ask for each node at least every this many slots
 * @param slotMillis       length of a slot on the environment's clock
 * @param loadChange       ask again when a candidate's CPU load moved by at least this much (0..1) since the last request
 * @param queueChangeS     ... or its queue wait moved by at least this many seconds
 * @param maxInFlight      never more than this many requests waiting for the provider
 * @param delayMillis      simulated boards only: a prior requested at time t becomes visible at t + delay
 *                         (the LLM's latency, so that training sees priors as stale as they would be live)
 * @param trendWindowSlots how many slots the prompt's recent trend covers
 * @param memoryLimit      how many reflective lessons a prompt carries at most
 */
public record RefreshPolicy(int everySlots, long slotMillis, double loadChange, double queueChangeS, int maxInFlight,
                            long delayMillis, int trendWindowSlots, int memoryLimit) {

    public RefreshPolicy {
        require(everySlots >= 1, "everySlots", everySlots, "at least 1");
        require(slotMillis >= 1, "slotMillis", slotMillis, "at least 1");
        require(loadChange > 0, "loadChange", loadChange, "positive");
        require(queueChangeS > 0, "queueChangeS", queueChangeS, "positive");
        require(maxInFlight >= 1, "maxInFlight", maxInFlight, "at least 1");
        require(delayMillis >= 0, "delayMillis", delayMillis, "0 or more");
        require(trendWindowSlots >= 1, "trendWindowSlots", trendWindowSlots, "at least 1");
        require(memoryLimit >= 0, "memoryLimit", memoryLimit, "0 or more");
    }

    /**
     * Defaults: every 10 slots of 1 s, on a load change of 0.3 or a queue change of 1 s, 2 requests in
     * flight, no simulated delay, a 20-slot trend, 5 lessons.
     */
    public static RefreshPolicy defaults() {
        return new RefreshPolicy(10, 1000, 0.3, 1.0, 2, 0, 20, 5);
    }

    public RefreshPolicy withDelayMillis(long delay) {
        return new RefreshPolicy(everySlots, slotMillis, loadChange, queueChangeS, maxInFlight, delay,
                trendWindowSlots, memoryLimit);
    }

    public RefreshPolicy withEverySlots(int slots) {
        return new RefreshPolicy(slots, slotMillis, loadChange, queueChangeS, maxInFlight, delayMillis,
                trendWindowSlots, memoryLimit);
    }

    public RefreshPolicy withMaxInFlight(int max) {
        return new RefreshPolicy(everySlots, slotMillis, loadChange, queueChangeS, max, delayMillis,
                trendWindowSlots, memoryLimit);
    }

    private static void require(boolean ok, String name, Object value, String what) {
        if (!ok) {
            throw new IllegalArgumentException("refresh policy: " + name + " must be " + what + ", not " + value);
        }
    }
}
