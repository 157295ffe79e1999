package org.ledrl.api.model;

/**
 * A lesson the reflective evaluator distilled from past trajectories, e.g. "node 7 failed 4 times
 * in the last 20 slots". Prompts render the most relevant ones in their memory section.
 *
 * @param subject            what it is about, e.g. {@code node:7} or {@code link:3-5}
 * @param text               the lesson, for the prompt
 * @param evidence           how many observations support it
 * @param lastEvidenceMillis when it was last supported, on the environment's clock
 */
public record Reflection(String subject, String text, int evidence, long lastEvidenceMillis) {
}
