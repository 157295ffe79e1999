package org.ledrl.ml;

/**
 * Experience for one PPO update, as flat row-major arrays of {@code size} rows.
 *
 * @param size         number of decisions
 * @param observations {@code size x maxNodes x features} actor inputs
 * @param masks        {@code size x maxNodes}: 1 where the action is allowed, 0 where masked
 * @param criticInputs {@code size x criticInputs} critic inputs
 * @param actions      the token index chosen, per decision
 * @param oldLogProbs  log-probability of that action under the policy that chose it
 * @param advantages   advantage estimates (GAE)
 * @param returns      value targets
 */
public record RolloutBatch(int size, float[] observations, float[] masks, float[] criticInputs, int[] actions,
                           float[] oldLogProbs, float[] advantages, float[] returns) {

    /** Checks the array lengths against {@code spec}; throws naming the first that does not fit. */
    public void check(NetworkSpec spec) {
        require("observations", observations.length, (long) size * spec.observationSize());
        require("masks", masks.length, (long) size * spec.maxNodes());
        require("criticInputs", criticInputs.length, (long) size * spec.criticInputs());
        require("actions", actions.length, size);
        require("oldLogProbs", oldLogProbs.length, size);
        require("advantages", advantages.length, size);
        require("returns", returns.length, size);
    }

    private static void require(String name, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("rollout batch: " + name + " has " + actual + " values, expected "
                    + expected);
        }
    }
}
