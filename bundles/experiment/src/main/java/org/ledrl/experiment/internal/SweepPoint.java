package org.ledrl.experiment.internal;

/**
 * One scenario of a sweep: the scenario {@code base} with the key {@code key} set to {@code value}. The plan makes
 * one per swept scenario, so the name, the table column and the chart's x value all come from here.
 *
 * @param base  the scenario's own name
 * @param key   the swept scenario key, e.g. {@code failures.executionRate}
 * @param value the key's value as given, e.g. {@code 0.1}
 */
record SweepPoint(String base, String key, String value) {

    /** The swept scenario's name, e.g. {@code robustness-execution failures.executionRate=0.1}. */
    String scenarioName() {
        return base + " " + key + "=" + value;
    }

    /** A column heading short enough for a table of many points, e.g. {@code executionRate=0.1}. */
    String label() {
        return key.substring(key.lastIndexOf('.') + 1) + "=" + value;
    }

    /** The value as a chart's x coordinate; NaN when it is not a number. */
    double x() {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
