package org.ledrl.itests;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;
import org.ledrl.api.runtime.DecisionService;

/**
 * Drives decisions through the decision service in a loop on its own thread, as a live node would,
 * and checks every answer: never an exception, never null, always the agent's node or an available
 * candidate. Tests wait on it for the first decision made by a given policy.
 */
final class DecisionDriver implements AutoCloseable {

    /** Agent 0 (up), neighbour 1 (up), neighbour 2 (down): a valid answer is 0 or 1. */
    static final Observation OBSERVATION = new Observation(0, 0L, new Task(1, 0, 0L, 300, 1000, 4.0, "itest"),
            List.of(candidate(0, true), candidate(1, true), candidate(2, false)), 0.9);

    private final DecisionService decisions;
    private final Thread thread;
    private volatile boolean running = true;
    private final LongAdder count = new LongAdder();
    private final List<String> faults = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> byPolicy = new ConcurrentHashMap<>();
    private String lastPolicy = ""; // guarded by this

    DecisionDriver(DecisionService decisions) {
        this.decisions = decisions;
        this.thread = new Thread(this::drive, "itest-decisions");
        thread.start();
    }

    private static Candidate candidate(int node, boolean up) {
        NodeStatus status = new NodeStatus(node, up ? Health.UP : Health.DOWN, 3.0, 0.2, 0, 0.0, 0.3, Double.NaN,
                Double.NaN, 0, 0L);
        int hops = node == 0 ? 0 : 1;
        return new Candidate(status, 0.01, hops, hops * 0.1, hops * 0.002, 0.001, true);
    }

    private void drive() {
        while (running) {
            try {
                Decision decision = decisions.decide(OBSERVATION);
                if (decision == null) {
                    faults.add("null decision");
                } else if (decision.target() != 0 && decision.target() != 1) {
                    faults.add("invalid target " + decision.target() + " from " + decision.policy());
                } else if (decision.policy() == null) {
                    faults.add("decision without a policy name");
                } else {
                    byPolicy.computeIfAbsent(decision.policy(), p -> new LongAdder()).increment();
                    seen(decision.policy());
                }
            } catch (RuntimeException | Error e) {
                faults.add("decide threw " + e);
            }
            count.increment();
        }
    }

    private synchronized void seen(String policy) {
        if (!policy.equals(lastPolicy)) {
            lastPolicy = policy;
            notifyAll();
        }
    }

    /**
     * Waits until a decision is made by {@code policy}; returns the milliseconds waited.
     *
     * @throws AssertionError when that does not happen within {@code timeoutMillis}
     */
    synchronized long awaitPolicy(String policy, long timeoutMillis) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!policy.equals(lastPolicy)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("decisions still made by '" + lastPolicy + "', not '" + policy + "', after "
                        + timeoutMillis + " ms");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    long decisions() {
        return count.sum();
    }

    /** What went wrong; empty when every decision was valid. */
    List<String> faults() {
        return List.copyOf(faults);
    }

    /** Decisions counted by the policy that made them. */
    Map<String, Long> byPolicy() {
        Map<String, Long> counts = new TreeMap<>();
        byPolicy.forEach((policy, n) -> counts.put(policy, n.sum()));
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
