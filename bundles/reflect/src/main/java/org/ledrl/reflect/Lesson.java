package org.ledrl.reflect;

import org.ledrl.api.model.Reflection;

/**
 * One lesson of the long-term memory, as the {@code memory} command and a {@link LessonRewriter}
 * see it. {@link #toReflection()} is what prompts get.
 *
 * @param rule                the rule that produced it
 * @param subject             {@code node:N}, {@code link:A-B} (A &lt; B) or {@code type:T}
 * @param taskType            the task type it is about, or the empty string when it is about all types
 * @param text                the deterministic text the rule wrote when it last fired
 * @param prose               a rewriter's prose for exactly that text, or the empty string
 * @param evidence            supporting observations: those that made the rule fire, plus each one since
 * @param firstEvidenceMillis when the rule first fired, on the memory's clock
 * @param lastEvidenceMillis  when the last supporting observation happened, on the memory's clock
 */
public record Lesson(Rule rule, String subject, String taskType, String text, String prose, int evidence,
                     long firstEvidenceMillis, long lastEvidenceMillis) {

    /** The text prompts show: the rewriter's prose when it has one for the current text, else the rule's text. */
    public String displayText() {
        return prose.isBlank() ? text : prose;
    }

    /** As prompts get it, with its kind and no window. */
    public Reflection toReflection() {
        return toReflection(0, lastEvidenceMillis);
    }

    /**
     * As prompts get it, as data too: its rule as the kind, and its evidence gathered over the time from the start of
     * the rule's window ({@code ruleWindowMillis}) before its first evidence up to {@code nowMillis}, when it is
     * recalled. So the evidence per second of a lesson that gets no new evidence falls as time passes.
     */
    public Reflection toReflection(long ruleWindowMillis, long nowMillis) {
        long window = ruleWindowMillis <= 0 ? 0 : Math.max(nowMillis, lastEvidenceMillis) - firstEvidenceMillis
                + ruleWindowMillis;
        return new Reflection(subject, displayText(), evidence, lastEvidenceMillis, rule.id(), window);
    }
}
