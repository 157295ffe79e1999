package org.ledrl.reflect.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.ledrl.reflect.LessonRewriter;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.ledrl.reflect.internal.ReflectiveMemoryEngine;

/**
 * Prints the median cost of {@code recall} on a full memory (100 lessons) and of {@code onOutcome}
 * on a busy one. Not a unit test: run it with
 * {@code ./mvnw -q -f bundles/pom.xml -pl reflect test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.ledrl.reflect.bench.MemoryBench}.
 */
public final class MemoryBench {

    private static final int ROUNDS = 41;
    private static final int CALLS = 20_000;

    public static void main(String[] args) {
        ReflectiveEvaluator memory = new ReflectiveMemoryEngine(MemorySettings.defaults(), () -> LessonRewriter.NONE);
        String[] types = {"video", "ocr", "speech", "ar"};
        long taskId = 0;
        // 40 failing nodes, 40 failing links, 4 failing types: more lessons than the cap of 100
        for (int i = 0; i < 40; i++) {
            for (int k = 0; k < 3; k++) {
                long t = 1000L * (i + 1) + k;
                memory.onEvent(new EnvironmentEvent(t, EnvironmentEvent.Type.NODE_HARDWARE_FAILURE, i, -1));
                memory.onEvent(new EnvironmentEvent(t, EnvironmentEvent.Type.LINK_FAILED, i, (i + 1) % 40));
                for (String type : types) {
                    memory.onOutcome(outcome(taskId++, i, (i + 1) % 40, FailureReason.DEADLINE_MISSED, type, t));
                }
            }
        }
        System.out.printf("lessons held: %d, short-term records: %d%n", memory.lessons().size(),
                memory.shortTerm().size());

        Observation observation = observation(3, 45_000, "video", List.of(2, 4, 5, 6), List.of(7, 8));
        double[] recall = measure(() -> memory.recall(observation, 5));
        long[] counter = {taskId};
        double[] outcome = measure(() -> memory.onOutcome(outcome(counter[0]++, 3, 4,
                counter[0] % 3 == 0 ? FailureReason.DEADLINE_MISSED : FailureReason.NONE, "video",
                45_000 + counter[0] / 100)));
        System.out.printf("recall(observation, 5), 100 lessons: median %.2f us (p10 %.2f, p90 %.2f) per call%n",
                recall[1], recall[0], recall[2]);
        System.out.printf("onOutcome: median %.2f us (p10 %.2f, p90 %.2f) per call%n", outcome[1], outcome[0],
                outcome[2]);
    }

    /** Median and spread, in microseconds per call, over rounds of {@link #CALLS} calls after a warm-up. */
    private static double[] measure(Runnable call) {
        for (int i = 0; i < 5 * CALLS; i++) {
            call.run();
        }
        double[] perCall = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                call.run();
            }
            perCall[r] = (System.nanoTime() - start) / 1000.0 / CALLS;
        }
        Arrays.sort(perCall);
        return new double[] {perCall[ROUNDS / 10], perCall[ROUNDS / 2], perCall[ROUNDS * 9 / 10]};
    }

    private static Outcome outcome(long id, int origin, int executor, FailureReason failure, String type, long t) {
        Task task = new Task(id, origin, t - 500, 300, 1000, 4.0, type);
        return new Outcome(task, executor, 1, failure, 1.0, 0.9, t, failure.isSuccess() ? 1 : -1);
    }

    private static Observation observation(int agent, long now, String type, List<Integer> neighbours,
                                           List<Integer> farther) {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(candidate(agent, 0, now));
        neighbours.forEach(n -> candidates.add(candidate(n, 1, now)));
        farther.forEach(n -> candidates.add(candidate(n, 2, now)));
        return new Observation(agent, now, new Task(0, agent, now, 300, 1000, 4.0, type), candidates, 0.9);
    }

    private static Candidate candidate(int node, int hops, long now) {
        NodeStatus status = new NodeStatus(node, Health.UP, 3.0, 0.5, 1, 0.2, 0.4, Double.NaN, Double.NaN, 0, now);
        return new Candidate(status, 0.01, hops, hops * 0.05, hops * 0.002, hops * 0.001, true);
    }
}
