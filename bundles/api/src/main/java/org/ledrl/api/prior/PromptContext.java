package org.ledrl.api.prior;

import java.util.List;
import java.util.Map;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Reflection;

/**
 * Everything a prior provider may put in a prompt for one node: its observation (the task and the
 * neighbourhood with node and link status), the recent trend, and the reflective memory.
 *
 * @param observation the asking node's current view
 * @param trend       what happened recently around it
 * @param memory      relevant lessons from the reflective evaluator, most relevant first (may be empty)
 */
public record PromptContext(Observation observation, Trend trend, List<Reflection> memory) {

    public PromptContext {
        memory = List.copyOf(memory);
    }

    /**
     * Recent history around the node.
     *
     * @param windowSlots   how many slots it covers
     * @param tasks         tasks that ended in the window
     * @param successRate   their success rate, NaN when there were none
     * @param meanLatencyS  their mean latency, NaN when there were none
     * @param failures      failures by reason in the window
     * @param nodes         what the whole network did with each candidate node in the window, by node id (since
     *                      1.1; empty when the caller cannot see beyond the asking node)
     */
    public record Trend(int windowSlots, int tasks, double successRate, double meanLatencyS,
                        Map<FailureReason, Integer> failures, Map<Integer, NodeActivity> nodes) {

        public Trend {
            failures = Map.copyOf(failures);
            nodes = Map.copyOf(nodes);
        }

        /** A trend without per-node activity. */
        public Trend(int windowSlots, int tasks, double successRate, double meanLatencyS,
                     Map<FailureReason, Integer> failures) {
            this(windowSlots, tasks, successRate, meanLatencyS, failures, Map.of());
        }

        public static Trend empty() {
            return new Trend(0, 0, Double.NaN, Double.NaN, Map.of());
        }

        /** The activity seen at {@code node}, or {@link NodeActivity#NONE} when nothing was seen there. */
        public NodeActivity activityOf(int node) {
            return nodes.getOrDefault(node, NodeActivity.NONE);
        }
    }

    /**
     * What every agent together did with one node in the trend's window, as a prior board that watches all
     * decisions and outcomes sees it: a view no single agent has (since 1.1). Inflow from many senders foretells
     * herding (several agents picking the same idle node in one slot); misses and failures there are the outcome of
     * sending tasks to it, which a node's status does not show.
     *
     * @param inflowPerSlot  tasks the other agents (all but the one asking; the node itself included when it is
     *                       not the one asking) sent to the node per slot: each slot about as many compete with the
     *                       asking agent's task there, unseen when it decides
     * @param senders        distinct other agents that sent tasks to it
     * @param executed       tasks that ended there
     * @param deadlineMisses of those, how many missed their deadline
     * @param failures       of those, how many failed for any other reason
     * @param sentThisSlot   tasks the other agents already sent to the node in the current slot, before the asking
     *                       agent decides: the herding itself, not a forecast of it (since 1.2). Only a board whose
     *                       priors are read in the slot they were asked in fills it (a provider without latency);
     *                       for a prior that is read later the slot is over, and it is 0
     */
    public record NodeActivity(double inflowPerSlot, int senders, int executed, int deadlineMisses, int failures,
                               int sentThisSlot) {

        /** The null object: nothing seen. */
        public static final NodeActivity NONE = new NodeActivity(0, 0, 0, 0, 0, 0);

        /** Activity of the window without this slot's tasks (a prior read after the slot). */
        public NodeActivity(double inflowPerSlot, int senders, int executed, int deadlineMisses, int failures) {
            this(inflowPerSlot, senders, executed, deadlineMisses, failures, 0);
        }

        /** Share of the tasks that ended there and failed, with one success and one failure assumed (no data: 0.5). */
        public double failureShare() {
            return (deadlineMisses + failures + 1.0) / (executed + 2.0);
        }
    }
}
