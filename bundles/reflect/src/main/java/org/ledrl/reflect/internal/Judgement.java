package org.ledrl.reflect.internal;

import java.util.Optional;

/**
 * What one rule says after a new short-term record: whether the rule fires (with its text and the
 * number of records that support it) and whether the new record itself is evidence for the lesson.
 */
record Judgement(LessonKey key, Subject subject, Optional<Finding> finding, boolean newRecordSupports) {

    /** A rule that fired: its lesson text and how many records in the window support it. */
    record Finding(String text, int support) {
    }
}
