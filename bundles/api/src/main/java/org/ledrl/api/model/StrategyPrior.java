package org.ledrl.api.model;

import java.util.List;

/**
 * High-level advice from a prior provider (an LLM or the heuristic) for decisions at node
 * {@code node}: a preference per candidate, a global strategy and a rationale. Priors are
 * produced off the decision path and may be old; {@link #ageMillis(long)} tells how old.
 *
 * @param node          the node the advice is for
 * @param preferences   one entry per candidate node it has an opinion on
 * @param strategy      the recommended global strategy
 * @param rationale     a short explanation, for people
 * @param model         the model or provider that produced it
 * @param issuedMillis  when it was produced, on the environment's clock
 */
public record StrategyPrior(int node, List<NodePreference> preferences, GlobalStrategy strategy, String rationale,
                            String model, long issuedMillis) {

    public StrategyPrior {
        preferences = List.copyOf(preferences);
    }

    /** The null object: no advice. Policies treat it like a prior that says nothing. */
    public static StrategyPrior none(int node) {
        return new StrategyPrior(node, List.of(), GlobalStrategy.NONE, "", "none", Long.MIN_VALUE);
    }

    public boolean isNone() {
        return strategy == GlobalStrategy.NONE && preferences.isEmpty();
    }

    public long ageMillis(long nowMillis) {
        return isNone() ? Long.MAX_VALUE : nowMillis - issuedMillis;
    }

    /** The preference for {@code node}, or the null preference (0.5, not avoided) when the prior has none. */
    public NodePreference preferenceFor(int candidate) {
        for (NodePreference p : preferences) {
            if (p.node() == candidate) {
                return p;
            }
        }
        return new NodePreference(candidate, 0.5, false);
    }
}
