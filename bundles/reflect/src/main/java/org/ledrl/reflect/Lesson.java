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

    public Reflection toReflection() {
        return new Reflection(subject, displayText(), evidence, lastEvidenceMillis);
    }
}
