package org.example.ledrl.advisor;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Answers refused, counted by reason. The reasons are the fixed words of {@link AdviceCodec}: bounded. */
final class Refusals {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((reason, n) -> copy.put(reason, n.sum()));
        return copy;
    }
}
