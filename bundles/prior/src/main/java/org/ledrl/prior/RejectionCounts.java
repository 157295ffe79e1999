package org.ledrl.prior;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** How many LLM answers a provider rejected, per reason. Thread-safe; one per provider instance. */
public final class RejectionCounts {

    private final AtomicLongArray counts = new AtomicLongArray(RejectionReason.values().length);

    public void add(RejectionReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    public long get(RejectionReason reason) {
        return counts.get(reason.ordinal());
    }

    public long total() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The reasons seen so far with their counts, in declaration order. */
    public Map<RejectionReason, Long> snapshot() {
        Map<RejectionReason, Long> map = new EnumMap<>(RejectionReason.class);
        for (RejectionReason r : RejectionReason.values()) {
            long n = get(r);
            if (n > 0) {
                map.put(r, n);
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
