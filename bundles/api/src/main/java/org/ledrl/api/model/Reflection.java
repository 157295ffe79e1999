package org.ledrl.api.model;

/**
 * A lesson the reflective evaluator distilled from past trajectories, e.g. "node 7 failed 4 times
 * in the last 20 slots". Prompts render the most relevant ones in their memory section; a provider without an LLM
 * reads the same lesson as data: what it is about ({@link #isAboutNode}, {@link #isAboutLink}), its kind, how
 * often it happened ({@code evidence}) and over how long ({@code windowMillis}).
 *
 * @param subject            what it is about, e.g. {@code node:7} or {@code link:3-5}
 * @param text               the lesson, for the prompt
 * @param evidence           how many observations support it: for a failure lesson, how many failures
 * @param lastEvidenceMillis when it was last supported, on the environment's clock
 * @param kind               the rule that wrote it, e.g. {@code failing-node}, {@code failing-link},
 *                           {@code overloaded-node}; empty when unknown (since 1.1)
 * @param windowMillis       the time the evidence was gathered over, up to when the lesson was recalled (so that
 *                           {@link #evidencePerSecond} falls while no new evidence comes); 0 when unknown (since 1.1)
 */
public record Reflection(String subject, String text, int evidence, long lastEvidenceMillis, String kind,
                         long windowMillis) {

    /** The kind of a lesson about a node that failed: outages, tasks lost with it, failed executions. */
    public static final String FAILING_NODE = "failing-node";
    /** The kind of a lesson about a link that failed: outages and transfers lost over it. */
    public static final String FAILING_LINK = "failing-link";

    public Reflection {
        kind = kind == null ? "" : kind;
        windowMillis = Math.max(0, windowMillis);
    }

    /** A lesson as text only, of no known kind. */
    public Reflection(String subject, String text, int evidence, long lastEvidenceMillis) {
        this(subject, text, evidence, lastEvidenceMillis, "", 0);
    }

    /** Whether it is about node {@code node} ({@code node:N}). */
    public boolean isAboutNode(int node) {
        return subject.equals("node:" + node);
    }

    /** Whether it is about the link between {@code a} and {@code b}, in either order ({@code link:A-B}, A &lt; B). */
    public boolean isAboutLink(int a, int b) {
        return subject.equals("link:" + Math.min(a, b) + "-" + Math.max(a, b));
    }

    /** Supporting observations per second over its window; 0 when the window is unknown. */
    public double evidencePerSecond() {
        return windowMillis > 0 ? evidence * 1000.0 / windowMillis : 0.0;
    }
}
