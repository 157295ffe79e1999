package org.ledrl.metrics;

/** One bin of a distribution: values in {@code [lower, upper)} and how many there were. */
public record HistogramBin(double lower, double upper, long count) {
}
