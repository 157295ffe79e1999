package org.ledrl.experiment.internal;

import org.ledrl.metrics.Statistics.Interval;

/**
 * How much better (or worse) a policy did than a reference policy on one scenario: the success
 * rate difference paired by seed, mean and 95% CI, as a fraction (0.05 is five points).
 */
record Comparison(String scenario, String policy, String reference, Interval difference) {

    /** Whether the whole 95% interval lies above zero: a gap the seeds do not explain away. */
    boolean clearlyBetter() {
        return difference.lower() > 0;
    }
}
