package org.ledrl.ml;

/**
 * The sizes of the MAPPO networks. The actor reads {@code maxNodes} tokens of {@code features} values each
 * (feature 0 must be 1 for a real node and 0 for padding), embeds them to {@code embedding} values, lets them attend
 * to each other (one head), pools them, and scores each token with an MLP of {@code hidden} units. The critic is
 * an MLP of {@code hidden} units over {@code criticInputs} values.
 *
 * <p>With {@code priorFeatures > 0} the actor is LeDRL's alignment actor: the last {@code priorFeatures} values of
 * each token describe the strategy prior's view of that candidate. They are embedded as a separate prior token, and
 * observation and prior tokens ({@code 2 * maxNodes}) attend to each other; the pooled result and the candidate's
 * aligned prior token join the observation before the action head. With 0 it is the plain MAPPO actor, and any
 * prior values a caller puts in the tokens are simply more observation features (the "prior + MLP" ablation).
 *
 * <p>With at least {@code PRIOR_AVOID + 1} prior features the alignment actor also adds the prior to its scores as
 * a residual bias with learned trust weights ({@link #residualPrior()}): prior feature {@link #PRIOR_PREFERENCE} is
 * the preference in [0,1] for the candidate and {@link #PRIOR_AVOID} is 1 when the prior says to avoid it.
 *
 * @param maxNodes     tokens per observation (padded)
 * @param features     values per token
 * @param embedding    attention embedding size
 * @param hidden       hidden units of the actor head and of the critic
 * @param criticInputs length of the critic's input vector
 * @param dropout      dropout rate on the attention output while training (0 for none)
 * @param priorFeatures how many of the {@code features} (the last ones) form the prior token; 0 for none
 */
public record NetworkSpec(int maxNodes, int features, int embedding, int hidden, int criticInputs, double dropout,
                          int priorFeatures) {

    /** Position, among the prior features, of the preference in [0,1] for the candidate. */
    public static final int PRIOR_PREFERENCE = 2;
    /** Position, among the prior features, of the flag that is 1 when the prior says to avoid the candidate. */
    public static final int PRIOR_AVOID = 3;

    public NetworkSpec {
        if (maxNodes < 1 || features < 1 || embedding < 1 || hidden < 1 || criticInputs < 1) {
            throw new IllegalArgumentException("network sizes must be positive: " + maxNodesText(maxNodes, features,
                    embedding, hidden, criticInputs));
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0,1): " + dropout);
        }
        if (priorFeatures < 0 || priorFeatures >= features) {
            throw new IllegalArgumentException("priorFeatures must be in [0, features): " + priorFeatures
                    + " of " + features);
        }
    }

    /** The plain MAPPO actor: no prior token. */
    public NetworkSpec(int maxNodes, int features, int embedding, int hidden, int criticInputs, double dropout) {
        this(maxNodes, features, embedding, hidden, criticInputs, dropout, 0);
    }

    /** The same networks with the last {@code count} features read as the prior token (the alignment actor). */
    public NetworkSpec withPriorFeatures(int count) {
        return new NetworkSpec(maxNodes, features, embedding, hidden, criticInputs, dropout, count);
    }

    /** Whether the actor aligns a prior token with each observation token. */
    public boolean aligned() {
        return priorFeatures > 0;
    }

    /**
     * Whether the alignment actor adds {@code wp * log(eps + preference) - wa * avoid} (learned {@code wp}, {@code wa})
     * to each candidate's score: aligned, with the preference and avoid flag among the prior features.
     */
    public boolean residualPrior() {
        return priorFeatures > PRIOR_AVOID;
    }

    /** Values per token that describe the candidate itself: {@code features - priorFeatures}. */
    public int observationFeatures() {
        return features - priorFeatures;
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
