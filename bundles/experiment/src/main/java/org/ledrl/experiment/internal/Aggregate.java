package org.ledrl.experiment.internal;

import java.util.List;
import java.util.Map;
import org.ledrl.api.model.FailureReason;
import org.ledrl.metrics.HistogramBin;
import org.ledrl.metrics.Statistics.Interval;

/**
 * One policy on one scenario over all its seeds: what the table and the charts show.
 *
 * @param scenario           scenario name
 * @param policy             policy name
 * @param runs               runs attempted (one per seed)
 * @param failedRuns         runs that ended with an error; they count in no statistic
 * @param successRate        mean and 95% CI of the per-run success rate, a fraction in [0,1]
 * @param decisionMeanUs     mean and 95% CI of the per-run mean decision time, microseconds
 * @param decisionP50Us      mean and 95% CI of the per-run median decision time, microseconds: what the table
 *                           shows, as a run's mean is swayed by the few decisions that met compilation or GC
 * @param decisionP99Us      mean over runs of the 99th-percentile decision time, microseconds
 * @param tasks              tasks that ended, over all runs
 * @param failures           failed tasks per reason, over all runs (every reason but NONE)
 * @param episodeSuccessRate per episode, the mean success rate over the runs (NaN where no run has it)
 * @param latency            the task latency distribution of all runs merged, seconds
 */
record Aggregate(String scenario, String policy, int runs, int failedRuns, Interval successRate,
                 Interval decisionMeanUs, Interval decisionP50Us, double decisionP99Us, long tasks, Map<FailureReason, Long> failures,
                 List<Double> episodeSuccessRate, List<HistogramBin> latency) {

    Aggregate {
        failures = Map.copyOf(failures);
        episodeSuccessRate = List.copyOf(episodeSuccessRate);
        latency = List.copyOf(latency);
    }

    long failures(FailureReason reason) {
        return failures.getOrDefault(reason, 0L);
    }
}
