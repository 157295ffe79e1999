package org.ledrl.policy.mappo.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.OffloadingPolicy;

/**
 * Measures a policy's decision time at batch 1: {@code decide()} on random observations of {@code nodes}
 * candidates (encoding, ONNX Runtime, argmax: everything a decision costs), after a warm-up, and reports the
 * percentiles.
 */
public final class DecisionBench {

    record Result(int decisions, double p50Micros, double p90Micros, double p99Micros, double p999Micros,
                  double maxMicros) {
        void print(PrintStream out, String policy, int nodes) {
            out.printf("%s: %d decisions, %d candidates, batch 1: p50 %.1f us  p90 %.1f us  p99 %.1f us  "
                    + "p99.9 %.1f us  max %.1f us%n", policy, decisions, nodes, p50Micros, p90Micros, p99Micros,
                    p999Micros, maxMicros);
        }
    }

    private DecisionBench() {
    }

    static Result run(OffloadingPolicy policy, int nodes, int warmup, int decisions, long seed) {
        List<Observation> observations = observations(nodes, 1024, seed);
        StrategyPrior none = StrategyPrior.none(0);
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += policy.decide(observations.get(i % observations.size()), none).target();
        }
        long[] nanos = new long[decisions];
        for (int i = 0; i < decisions; i++) {
            Observation o = observations.get(i % observations.size());
            long start = System.nanoTime();
            sink += policy.decide(o, none).target();
            nanos[i] = System.nanoTime() - start;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println(sink); // keeps the decisions from being optimised away
        }
        Arrays.sort(nanos);
        return new Result(decisions, percentile(nanos, 0.5), percentile(nanos, 0.9), percentile(nanos, 0.99),
                percentile(nanos, 0.999), nanos[nanos.length - 1] / 1000.0);
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1000.0;
    }

    /** Observations at node 0 of a network of {@code nodes} nodes, every node a candidate, some down. */
    public static List<Observation> observations(int nodes, int count, long seed) {
        Random random = new Random(seed);
        List<Observation> list = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Task task = new Task(k, 0, 0, 250 + random.nextDouble() * 250, 800 + random.nextDouble() * 1600, 4.0,
                    "bench");
            List<Candidate> candidates = new ArrayList<>(nodes);
            for (int node = 0; node < nodes; node++) {
                Health health = random.nextDouble() < 0.1 && node > 0 ? Health.DOWN : Health.UP;
                NodeStatus status = new NodeStatus(node, health, 3.0, random.nextDouble(), random.nextInt(5),
                        random.nextDouble() * 3, 0.5, Double.NaN, Double.NaN, random.nextInt(3), 0);
                int hops = node == 0 ? 0 : 1 + random.nextInt(3);
                candidates.add(new Candidate(status, 0.01, hops, hops / (10 + random.nextDouble() * 30),
                        hops * 0.002, 0.01 * hops, random.nextDouble() > 0.05));
            }
            list.add(new Observation(0, 0, task, candidates, 0.9));
        }
        return list;
    }
}
