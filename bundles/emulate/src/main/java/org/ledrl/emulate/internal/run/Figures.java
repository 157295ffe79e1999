package org.ledrl.emulate.internal.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.ledrl.emulate.internal.fault.FaultSpec;
import org.ledrl.metrics.RunMetrics;
import org.ledrl.sim.RunResult;
import org.ledrl.sim.Scenario;

/**
 * What a run measured: the simulator's {@link RunResult} made from the journals (the same metrics code as a
 * simulation), and the live figures: decision time, MQTT round trip per hop, how long the other gateways took
 * to see a killed or paused gateway down, and how many tasks were sent to a gateway after it had been down
 * for more than {@value #KNOWN_DOWN_MILLIS} ms.
 */
final class Figures {

    static final long KNOWN_DOWN_MILLIS = 2000;

    private Figures() {
    }

    static RunResult result(Journals journals, Scenario scenario, String policy, long seed, int nodes) {
        RunMetrics metrics = new RunMetrics();
        double weight = scenario.reward().latencyWeight();
        for (Journals.TaskRecord t : journals.tasks) {
            Task task = new Task(t.id(), t.origin(), (long) (t.slot() * scenario.slotSeconds() * 1000), t.sizeKB(),
                    t.cyclesPerBit(), t.deadlineS(), t.type());
            if (!Double.isNaN(t.decisionUs())) {
                metrics.onDecision(null, Decision.of(Math.max(0, t.target()), policy), Math.round(t.decisionUs() * 1000));
            }
            double reward = (t.failure().isSuccess() ? 1 : -1)
                    - weight * Math.min(1, t.deadlineS() > 0 ? t.latencyS() / t.deadlineS() : 1);
            metrics.onOutcome(new Outcome(task, t.executor(), t.hops(), t.failure(), t.latencyS(), t.reliability(),
                    task.arrivalMillis() + Math.round(t.latencyS() * 1000), reward));
        }
        metrics.onEpisodeEnd(0);
        return new RunResult(scenario, policy, seed, nodes, metrics.total(), metrics.episodes(), metrics.nodes(),
                metrics.latencyHistogram());
    }

    /** The live figures, for the console and {@code live.json}. */
    static Map<String, Object> live(Journals journals, List<Fleet.Happened> faults) {
        Map<String, Object> figures = new LinkedHashMap<>();
        double[] decisions = journals.tasks.stream().mapToDouble(Journals.TaskRecord::decisionUs)
                .filter(v -> !Double.isNaN(v)).toArray();
        figures.put("decisionUsP50", quantile(decisions, 0.5));
        figures.put("decisionUsP99", quantile(decisions, 0.99));
        double[] rtts = journals.tasks.stream().mapToLong(Journals.TaskRecord::mqttRttMs).filter(v -> v >= 0)
                .asDoubleStream().toArray();
        figures.put("mqttRoundTripMsP50", quantile(rtts, 0.5));
        figures.put("mqttRoundTripMsP99", quantile(rtts, 0.99));
        figures.put("mqttRoundTrips", rtts.length);
        List<Map<String, Object>> detections = new ArrayList<>();
        long sentToKnownDown = 0;
        for (Fleet.Happened fault : faults) {
            FaultSpec spec = fault.spec();
            if (spec.kind() != FaultSpec.Kind.KILL && spec.kind() != FaultSpec.Kind.PAUSE) {
                continue;
            }
            int node = spec.node();
            long down = fault.start();
            long back = back(journals, fault);
            long seenAt = journals.seen.stream()
                    .filter(s -> s.node() == node && !s.health().equals("UP") && s.at() >= down && s.at() < back)
                    .mapToLong(Journals.Seen::at).min().orElse(-1);
            Map<String, Object> detection = new LinkedHashMap<>();
            detection.put("fault", spec.text());
            detection.put("node", node);
            detection.put("detectedAfterMs", seenAt < 0 ? null : seenAt - down);
            detections.add(detection);
            sentToKnownDown += journals.tasks.stream().filter(t -> t.target() == node && t.origin() != node
                    && t.decidedAt() >= down + KNOWN_DOWN_MILLIS && t.decidedAt() < back).count();
        }
        figures.put("detections", detections);
        figures.put("tasksSentToGatewayKnownDown", sentToKnownDown);
        figures.put("tasksEndedByOriginFailure", journals.originFailures);
        figures.put("duplicateEnds", journals.duplicateEnds);
        figures.put("unreadableJournalLines", journals.unreadableLines);
        figures.put("lateResults", journals.lateResults);
        return figures;
    }

    /** When the gateway was back: SIGCONT, or the first start of a new incarnation after the restart; else never. */
    private static long back(Journals journals, Fleet.Happened fault) {
        if (fault.end() < 0) {
            return Long.MAX_VALUE;
        }
        if (fault.spec().kind() == FaultSpec.Kind.PAUSE) {
            return fault.end();
        }
        return journals.ups.getOrDefault(fault.spec().node(), List.of()).stream()
                .filter(up -> up >= fault.end()).findFirst().orElse(Long.MAX_VALUE);
    }

    /** Failures per reason, every reason listed. */
    static Map<FailureReason, Long> reasons(Journals journals) {
        Map<FailureReason, Long> counts = new EnumMap<>(FailureReason.class);
        for (FailureReason reason : FailureReason.values()) {
            counts.put(reason, 0L);
        }
        for (Journals.TaskRecord t : journals.tasks) {
            counts.merge(t.failure(), 1L, Long::sum);
        }
        return counts;
    }

    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[index];
    }
}
