package org.ledrl.reflect.internal;

import org.ledrl.reflect.Rule;

/** Identity of a lesson: one per rule, subject and (for per-type rules) task type. */
record LessonKey(Rule rule, String subject, String taskType) {
}
