package org.ledrl.prior;

import java.util.ArrayList;
import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;
import org.ledrl.api.prior.PromptContext;

/** Observations for tests: node 0 deciding, with neighbours 1..n. */
public final class Situations {

    private Situations() {
    }

    static NodeStatus status(int node, Health health, double cpuLoad, double queueS, int failures, long time) {
        return new NodeStatus(node, health, 3.0, cpuLoad, (int) Math.round(queueS), queueS, 0.4, Double.NaN,
                Double.NaN, failures, time);
    }

    static Candidate self(NodeStatus status) {
        return new Candidate(status, 0.01, 0, 0, 0, 0, true);
    }

    static Candidate neighbour(NodeStatus status, boolean pathUp) {
        return new Candidate(status, 0.01, 1, 1.0 / 20.0, 0.005, 0.02, pathUp);
    }

    static Task task(long time) {
        return new Task(7, 0, time, 300, 1000, 4.0, "video-analytics");
    }

    /** Node 0 at {@code timeMillis} with {@code neighbours} healthy neighbours, all at {@code load}. */
    static Observation observation(long timeMillis, int neighbours, double load) {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(self(status(0, Health.UP, load, load * 2, 0, timeMillis)));
        for (int i = 1; i <= neighbours; i++) {
            candidates.add(neighbour(status(i, Health.UP, load, load * 2, 0, timeMillis), true));
        }
        return new Observation(0, timeMillis, task(timeMillis), candidates, 0.9);
    }

    static Observation observation(int agent, long timeMillis, List<Candidate> candidates) {
        return new Observation(agent, timeMillis, task(timeMillis), candidates, 0.9);
    }

    static PromptContext context(Observation observation) {
        return new PromptContext(observation, PromptContext.Trend.empty(), List.of());
    }

    /**
     * Node 0 at 4 s, queued for 2 s, with neighbour 1 idle and neighbour 2 down: what the wire tests
     * of LLM provider bundles ask about (candidates 0, 1 and 2).
     */
    public static PromptContext threeNodes() {
        Task task = new Task(3, 0, 4000, 300, 1000, 4.0, "video-analytics");
        List<Candidate> candidates = List.of(
                new Candidate(wireStatus(0, Health.UP, 2.0), 0.01, 0, 0, 0, 0, true),
                new Candidate(wireStatus(1, Health.UP, 0.0), 0.01, 1, 0.05, 0.005, 0.01, true),
                new Candidate(wireStatus(2, Health.DOWN, 0.0), 0.01, 1, 0.05, 0.005, 0.01, true));
        return context(new Observation(0, 4000, task, candidates, 0.9));
    }

    private static NodeStatus wireStatus(int node, Health health, double queueS) {
        return new NodeStatus(node, health, 3.0, 0.4, 1, queueS, 0.3, Double.NaN, Double.NaN, 0, 4000);
    }
}
