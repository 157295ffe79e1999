package org.ledrl.reflect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional hook that rewrites a lesson's deterministic text into prose, e.g. with an LLM. Register
 * one as a service and the reflective evaluator picks it up (dynamic, optional, greedy); without
 * one, prompts get the rules' text, and nothing needs an LLM.
 *
 * <p>The memory asks for a rewrite when a lesson's text changes, at most one request in flight per
 * lesson, and never waits: it shows the prose only once it has arrived and only while the rule's text
 * is still the one it was written for (so no stale counts reach a prompt). Prose that is blank,
 * longer than {@link #MAX_PROSE_CHARS} or fails is logged and ignored.
 */
@ConsumerType
public interface LessonRewriter {

    /** Longest prose accepted; a prompt's memory section has little room. */
    int MAX_PROSE_CHARS = 300;

    /** The null object: keeps the rules' text. */
    LessonRewriter NONE = lesson -> CompletableFuture.completedFuture(lesson.text());

    /** Prose for {@code lesson.text()}, completed asynchronously; must not block the caller. */
    CompletionStage<String> rewrite(Lesson lesson);
}
