package org.ledrl.policy.agsp.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;

/**
 * The joint placement of one slot's tasks, as a search problem. A solution has one gene per task:
 * the index of one of that task's available candidates. Its fitness is the expected number of
 * successful tasks (a task counts with its estimated reliability when its estimated latency meets
 * the deadline and that reliability reaches the threshold), minus a small latency term that prefers
 * the faster of two equally successful plans.
 *
 * <p>Unlike a per-task greedy, the fitness accounts for the load the slot's own tasks add: a task
 * queues behind the tasks of the same slot placed earlier on the same node (in slot order). All
 * estimates come from the API's {@link Candidate} methods and are computed once, up front.
 *
 * <p>Not thread-safe (it keeps a scratch array); one search uses one instance.
 */
final class SlotProblem {

    /** Weight of the normalised latency against one expected success. */
    private static final double LATENCY_WEIGHT = 0.01;

    private final List<Observation> observations;
    /** Per task and gene value: the candidate index in the task's observation. */
    private final int[][] options;
    /** Per task and gene value: the node, as a dense index into {@link #addedLoad}. */
    private final int[][] nodeSlot;
    private final double[][] latency;
    private final double[][] reliability;
    private final double[][] compute;
    private final double[] addedLoad;

    private SlotProblem(List<Observation> observations, int[][] options, int[][] nodeSlot, double[][] latency,
                        double[][] reliability, double[][] compute, int nodes) {
        this.observations = observations;
        this.options = options;
        this.nodeSlot = nodeSlot;
        this.latency = latency;
        this.reliability = reliability;
        this.compute = compute;
        this.addedLoad = new double[nodes];
    }

    static SlotProblem of(List<Observation> observations) {
        int tasks = observations.size();
        int[][] options = new int[tasks][];
        int[][] nodeSlot = new int[tasks][];
        double[][] latency = new double[tasks][];
        double[][] reliability = new double[tasks][];
        double[][] compute = new double[tasks][];
        Map<Integer, Integer> slotOfNode = new HashMap<>();
        for (int t = 0; t < tasks; t++) {
            Observation observation = observations.get(t);
            Task task = observation.task();
            List<Integer> available = new ArrayList<>();
            for (int c = 0; c < observation.candidates().size(); c++) {
                if (observation.candidates().get(c).available()) {
                    available.add(c);
                }
            }
            if (available.isEmpty()) {
                available.add(0); // nowhere to go: the agent's own node is the only answer there is
            }
            int n = available.size();
            options[t] = new int[n];
            nodeSlot[t] = new int[n];
            latency[t] = new double[n];
            reliability[t] = new double[n];
            compute[t] = new double[n];
            for (int g = 0; g < n; g++) {
                Candidate candidate = observation.candidates().get(available.get(g));
                options[t][g] = available.get(g);
                nodeSlot[t][g] = slotOfNode.computeIfAbsent(candidate.node(), k -> slotOfNode.size());
                latency[t][g] = candidate.estimatedLatency(task);
                reliability[t][g] = candidate.estimatedReliability(task);
                compute[t][g] = candidate.computeSeconds(task);
            }
        }
        return new SlotProblem(List.copyOf(observations), options, nodeSlot, latency, reliability, compute,
                slotOfNode.size());
    }

    int tasks() {
        return options.length;
    }

    /** How many values gene {@code task} can take (at least 1). */
    int optionCount(int task) {
        return options[task].length;
    }

    /** The node gene value {@code gene} of {@code task} sends the task to. */
    int target(int task, int gene) {
        return observations.get(task).candidates().get(options[task][gene]).node();
    }

    double fitness(int[] genes) {
        Arrays.fill(addedLoad, 0.0);
        double fitness = 0;
        for (int t = 0; t < genes.length; t++) {
            int g = genes[t];
            int node = nodeSlot[t][g];
            double taskLatency = latency[t][g] + addedLoad[node];
            addedLoad[node] += compute[t][g];
            Observation observation = observations.get(t);
            double deadline = observation.task().deadlineS();
            boolean meets = taskLatency <= deadline && reliability[t][g] >= observation.reliabilityThreshold();
            fitness += (meets ? reliability[t][g] : 0.0) - LATENCY_WEIGHT * Math.min(taskLatency / deadline, 10.0);
        }
        return fitness;
    }

    /**
     * A good starting point: tasks in slot order, each to the node that finishes it first given the
     * load placed so far (list scheduling).
     */
    int[] listSchedule() {
        Arrays.fill(addedLoad, 0.0);
        int[] genes = new int[tasks()];
        for (int t = 0; t < genes.length; t++) {
            int best = 0;
            double bestLatency = Double.POSITIVE_INFINITY;
            for (int g = 0; g < options[t].length; g++) {
                double l = latency[t][g] + addedLoad[nodeSlot[t][g]];
                if (l < bestLatency) {
                    best = g;
                    bestLatency = l;
                }
            }
            genes[t] = best;
            addedLoad[nodeSlot[t][best]] += compute[t][best];
        }
        return genes;
    }
}
