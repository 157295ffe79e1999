package org.ledrl.prior;

import java.util.Objects;
import org.ledrl.api.model.StrategyPrior;

/**
 * The result of checking one LLM answer: the prior it gives, or the reason and detail it was
 * rejected for. {@link #prior()} is {@link StrategyPrior#none(int)} for a rejection.
 */
public record Verdict(StrategyPrior prior, RejectionReason reason, String detail) {

    public static Verdict accepted(StrategyPrior prior) {
        return new Verdict(prior, null, "");
    }

    public static Verdict rejected(int node, RejectionReason reason, String detail) {
        return new Verdict(StrategyPrior.none(node), Objects.requireNonNull(reason), detail);
    }

    public boolean isAccepted() {
        return reason == null;
    }

    @Override
    public String toString() {
        return isAccepted() ? "accepted" : reason + ": " + detail;
    }
}
