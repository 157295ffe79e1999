package org.ledrl.emulate.internal.soak;

import java.util.concurrent.atomic.LongAdder;
import org.ledrl.metrics.LogHistogram;

/**
 * What one minute of a soak saw, filled by the load threads and read once when the minute ends: decisions by
 * channel, the gateway's own decision time (the {@code decisionMicros} of each answer), outcomes reported, errors
 * and failed decisions (answered {@code fallback}: the policy failed and the task stayed local).
 */
final class Tally {

    final LongAdder restDecisions = new LongAdder();
    final LongAdder mqttDecisions = new LongAdder();
    final LongAdder outcomes = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder failedDecisions = new LongAdder();
    final LongAdder telemetry = new LongAdder();
    private final LogHistogram decisionMicros = new LogHistogram(0.01, 1e7);
    private volatile String firstError = "";

    void decided(double micros, String policy, boolean overRest) {
        (overRest ? restDecisions : mqttDecisions).increment();
        if ("fallback".equals(policy)) {
            failedDecisions.increment();
        }
        if (micros >= 0) {
            synchronized (decisionMicros) {
                decisionMicros.record(Math.max(micros, 0.01));
            }
        }
    }

    void error(String what) {
        if (errors.sum() == 0) {
            firstError = what + " (at " + java.time.LocalTime.now().withNano(0) + ")"; // to find it in the gateway log
        }
        errors.increment();
    }

    String firstError() {
        return firstError;
    }

    long decisions() {
        return restDecisions.sum() + mqttDecisions.sum();
    }

    double decisionQuantile(double q) {
        synchronized (decisionMicros) {
            return decisionMicros.count() == 0 ? Double.NaN : decisionMicros.quantile(q);
        }
    }
}
