package org.ledrl.ml;

/**
 * The sizes of the MAPPO networks. The actor reads {@code maxNodes} tokens of {@code features} values each
 * (feature 0 must be 1 for a real node and 0 for padding), embeds them to {@code embedding} values, lets them attend
 * to each other (one head), pools them, and scores each token with an MLP of {@code hidden} units. The critic is
 * an MLP of {@code hidden} units over {@code criticInputs} values.
 *
 * @param maxNodes     tokens per observation (padded)
 * @param features     values per token
 * @param embedding    attention embedding size
 * @param hidden       hidden units of the actor head and of the critic
 * @param criticInputs length of the critic's input vector
 * @param dropout      dropout rate on the attention output while training (0 for none)
 */
public record NetworkSpec(int maxNodes, int features, int embedding, int hidden, int criticInputs, double dropout) {

    public NetworkSpec {
        if (maxNodes < 1 || features < 1 || embedding < 1 || hidden < 1 || criticInputs < 1) {
            throw new IllegalArgumentException("network sizes must be positive: " + maxNodesText(maxNodes, features,
                    embedding, hidden, criticInputs));
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0,1): " + dropout);
        }
    }

    /** DESIGN.md sizes: attention embedding 8, hidden 64, dropout 0.1. */
    public static NetworkSpec paper(int maxNodes, int features, int criticInputs) {
        return new NetworkSpec(maxNodes, features, 8, 64, criticInputs, 0.1);
    }

    /** Length of one flattened observation, {@code maxNodes * features}. */
    public int observationSize() {
        return maxNodes * features;
    }

    private static String maxNodesText(int maxNodes, int features, int embedding, int hidden, int criticInputs) {
        return "maxNodes=" + maxNodes + " features=" + features + " embedding=" + embedding + " hidden=" + hidden
                + " criticInputs=" + criticInputs;
    }
}
