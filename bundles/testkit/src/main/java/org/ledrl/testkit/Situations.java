package org.ledrl.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;

/**
 * Observations the contracts decide on, and the means to build more: a node in a given health, a candidate at a
 * given distance, a neighbourhood drawn from a seed (mixed health, loads, rates and failure rates, the shapes a
 * live network shows). Every method is deterministic: the same arguments give the same observation.
 */
public final class Situations {

    /** The clock the situations are observed at, in milliseconds. */
    public static final long NOW = 60_000;

    private Situations() {
    }

    /** A task of the paper's sizes (250-500 KB, 800-2400 cycles per bit, 4 s deadline) arriving at {@code origin}. */
    public static Task task(long id, int origin) {
        return new Task(id, origin, NOW, 375, 1600, 4.0, "video-analytics");
    }

    /** A node status measured now. */
    public static NodeStatus node(int node, Health health, double cpuGHz, double queueSeconds) {
        return new NodeStatus(node, health, cpuGHz, 0.5, (int) Math.ceil(queueSeconds), queueSeconds, 0.4, Double.NaN,
                55.0, 0, NOW);
    }

    /** The deciding node itself as a candidate. */
    public static Candidate self(NodeStatus status) {
        return new Candidate(status, 0.01, 0, 0.0, 0.0, 0.0, true);
    }

    /** A neighbour {@code hops} links away over links of {@code rateMBps}, its path up or down. */
    public static Candidate neighbour(NodeStatus status, int hops, double rateMBps, boolean pathUp) {
        return new Candidate(status, 0.01, hops, hops / rateMBps, 0.002 * hops, 0.005 * hops, pathUp);
    }

    /** An observation of {@code agent} with its own node first, then {@code neighbours}. */
    public static Observation observation(long taskId, Candidate self, List<Candidate> neighbours) {
        List<Candidate> all = new ArrayList<>();
        all.add(self);
        all.addAll(neighbours);
        return new Observation(self.node(), NOW, task(taskId, self.node()), all, 0.9);
    }

    /** The agent alone: no neighbour to send to. */
    public static Observation noCandidates() {
        return observation(1, self(node(0, Health.UP, 3.0, 1.5)), List.of());
    }

    /** Neighbours that are all unusable: nodes down, a path down, and one whose status is stale. */
    public static Observation allDown() {
        return observation(2, self(node(0, Health.UP, 3.0, 6.0)), List.of(
                neighbour(node(1, Health.DOWN, 3.5, 0.0), 1, 30, true),
                neighbour(node(2, Health.UP, 3.5, 0.0), 1, 30, false),
                neighbour(node(3, Health.UNKNOWN, 3.5, 0.0), 1, 30, true)));
    }

    /**
     * Stale telemetry: every neighbour's last status is old and reported {@link Health#UNKNOWN}, although it
     * looked idle and fast when it was measured. Stale means unknown, never healthy.
     */
    public static Observation staleStatus() {
        List<Candidate> stale = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            NodeStatus old = new NodeStatus(n, Health.UP, 6.0, 0.0, 0, 0.0, 0.1, Double.NaN, 40.0, 0, NOW - 30_000);
            stale.add(neighbour(old.stale(), 1, 40, true));
        }
        return observation(3, self(node(0, Health.UP, 1.0, 8.0)), stale);
    }

    /** The agent's own node down (it failed while the task waited) with no other choice: the task stays home. */
    public static Observation selfDown() {
        return observation(4, self(node(0, Health.DOWN, 3.0, 0.0)), List.of(
                neighbour(node(1, Health.DOWN, 3.0, 0.0), 1, 20, true)));
    }

    /** A neighbourhood of 1 to 12 candidates drawn from {@code seed}: mixed health, load, rates and distances. */
    public static Observation random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int agent = r.nextInt(20);
        Health[] healths = {Health.UP, Health.UP, Health.UP, Health.DOWN, Health.UNKNOWN};
        Candidate self = self(node(agent, r.nextInt(6) == 0 ? Health.DOWN : Health.UP, 2 + r.nextDouble() * 2,
                r.nextDouble() * 6));
        List<Candidate> neighbours = new ArrayList<>();
        int count = r.nextInt(12);
        for (int i = 0; i < count; i++) {
            int node = agent + 1 + i;
            NodeStatus status = node(node, healths[r.nextInt(healths.length)], 1 + r.nextDouble() * 4,
                    r.nextDouble() * 6);
            neighbours.add(new Candidate(status, r.nextDouble() * 0.05, 1 + r.nextInt(3), 1 / (10 + r.nextDouble() * 30),
                    r.nextDouble() * 0.01, r.nextDouble() * 0.05, r.nextInt(8) != 0));
        }
        Observation o = observation(seed, self, neighbours);
        return new Observation(o.agent(), NOW + seed % 1000, o.task(), o.candidates(), 0.9);
    }

    /** {@code count} observations drawn from seeds {@code first}, {@code first+1}, ... */
    public static List<Observation> random(long first, int count) {
        List<Observation> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(random(first + i));
        }
        return list;
    }
}
