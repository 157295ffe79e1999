package org.ledrl.prior;

/**
 * A rendered prompt: the system message (the role and the answer format) and the user message (the
 * situation of one node).
 */
public record Prompt(String system, String user) {
}
