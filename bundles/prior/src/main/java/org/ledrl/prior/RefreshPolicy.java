package org.ledrl.prior;

import java.util.HashMap;
import java.util.Map;

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
 * @param providerDelayMillis per provider name, its latency in place of {@code delayMillis}. A provider listed
 *                         with 0 is no LLM but answers in microseconds on the caller's thread (the heuristic): the
 *                         board asks it at every observation, live as simulated, so its priors are fresh (they see
 *                         the decisions other agents made earlier in the same slot). The defaults list
 *                         {@value #HEURISTIC_PROVIDER} with 0; a heuristic standing in for an LLM is given the LLM's
 *                         delay with {@link #withProviderDelay}.
 */
public record RefreshPolicy(int everySlots, long slotMillis, double loadChange, double queueChangeS, int maxInFlight,
                            long delayMillis, int trendWindowSlots, int memoryLimit,
                            Map<String, Long> providerDelayMillis) {

    /** provider.name of the heuristic provider, which has no latency. */
    public static final String HEURISTIC_PROVIDER = "heuristic";

    public RefreshPolicy {
        providerDelayMillis = Map.copyOf(providerDelayMillis);
        providerDelayMillis.forEach((provider, delay) -> require(delay >= 0, "providerDelayMillis of " + provider,
                delay, "0 or more"));
        require(everySlots >= 1, "everySlots", everySlots, "at least 1");
        require(slotMillis >= 1, "slotMillis", slotMillis, "at least 1");
        require(loadChange > 0, "loadChange", loadChange, "positive");
        require(queueChangeS > 0, "queueChangeS", queueChangeS, "positive");
        require(maxInFlight >= 1, "maxInFlight", maxInFlight, "at least 1");
        require(delayMillis >= 0, "delayMillis", delayMillis, "0 or more");
        require(trendWindowSlots >= 1, "trendWindowSlots", trendWindowSlots, "at least 1");
        require(memoryLimit >= 0, "memoryLimit", memoryLimit, "0 or more");
    }

    /** A policy in which the heuristic provider has no latency and every other provider {@code delayMillis}. */
    public RefreshPolicy(int everySlots, long slotMillis, double loadChange, double queueChangeS, int maxInFlight,
                         long delayMillis, int trendWindowSlots, int memoryLimit) {
        this(everySlots, slotMillis, loadChange, queueChangeS, maxInFlight, delayMillis, trendWindowSlots, memoryLimit,
                Map.of(HEURISTIC_PROVIDER, 0L));
    }

    /**
     * Defaults: every 10 slots of 1 s, on a load change of 0.3 or a queue change of 1 s, 2 requests in
     * flight, no simulated delay, a 20-slot trend, 5 lessons; the heuristic provider asked at every observation.
     */
    public static RefreshPolicy defaults() {
        return new RefreshPolicy(10, 1000, 0.3, 1.0, 2, 0, 20, 5);
    }

    /** The latency of {@code provider}'s priors: its own when listed, else {@code delayMillis}. */
    public long delayFor(String provider) {
        return providerDelayMillis.getOrDefault(provider, delayMillis);
    }

    /** Whether {@code provider} answers at once and is asked at every observation (listed with latency 0). */
    public boolean isFresh(String provider) {
        Long delay = providerDelayMillis.get(provider);
        return delay != null && delay == 0;
    }

    public RefreshPolicy withDelayMillis(long delay) {
        return new RefreshPolicy(everySlots, slotMillis, loadChange, queueChangeS, maxInFlight, delay,
                trendWindowSlots, memoryLimit, providerDelayMillis);
    }

    /** The same policy with {@code provider}'s latency set to {@code delay}. */
    public RefreshPolicy withProviderDelay(String provider, long delay) {
        Map<String, Long> delays = new HashMap<>(providerDelayMillis);
        delays.put(provider, delay);
        return new RefreshPolicy(everySlots, slotMillis, loadChange, queueChangeS, maxInFlight, delayMillis,
                trendWindowSlots, memoryLimit, delays);
    }

    public RefreshPolicy withEverySlots(int slots) {
        return new RefreshPolicy(slots, slotMillis, loadChange, queueChangeS, maxInFlight, delayMillis,
                trendWindowSlots, memoryLimit, providerDelayMillis);
    }

    public RefreshPolicy withMaxInFlight(int max) {
        return new RefreshPolicy(everySlots, slotMillis, loadChange, queueChangeS, max, delayMillis,
                trendWindowSlots, memoryLimit, providerDelayMillis);
    }

    private static void require(boolean ok, String name, Object value, String what) {
        if (!ok) {
            throw new IllegalArgumentException("refresh policy: " + name + " must be " + what + ", not " + value);
        }
    }
}
