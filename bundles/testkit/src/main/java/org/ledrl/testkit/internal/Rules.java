package org.ledrl.testkit.internal;

/** Failure messages that name the contract's rule first, so that a red test says what was broken. */
public final class Rules {

    private Rules() {
    }

    /** Fails with "rule broken: RULE: DETAIL". */
    public static AssertionError broken(String rule, String detail) {
        return new AssertionError("rule broken: " + rule + ": " + detail);
    }

    /** Fails with the rule when {@code holds} is false. */
    public static void check(boolean holds, String rule, String detail) {
        if (!holds) {
            throw broken(rule, detail);
        }
    }
}
