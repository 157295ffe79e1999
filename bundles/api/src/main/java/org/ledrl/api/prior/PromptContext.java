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
     */
    public record Trend(int windowSlots, int tasks, double successRate, double meanLatencyS,
                        Map<FailureReason, Integer> failures) {

        public Trend {
            failures = Map.copyOf(failures);
        }

        public static Trend empty() {
            return new Trend(0, 0, Double.NaN, Double.NaN, Map.of());
        }
    }
}
