package org.ledrl.experiment.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PriorConsumer;
import org.ledrl.metrics.Summary;

/**
 * Policies that decided exactly like an earlier one in every run of a table: the same tasks, successes, failures
 * by reason, mean latency and mean reward on every scenario and seed. Two rows that are equal to the last digit
 * say so beside them, with the reason where it is known by construction: two variants of one actor that differ
 * only in whether their prompts carry the reflective memory's lessons decide alike when no lesson changed a prior
 * (a provider that reads no lessons, or no lesson about a candidate).
 */
final class Twins {

    private Twins() {
    }

    /** For each policy that decided like an earlier one in every run on {@code scenarios}, the note to print. */
    static Map<String, String> notes(List<RunRow> rows, List<String> scenarios,
                                     Map<String, OffloadingPolicy> policies) {
        Map<String, String> notes = new LinkedHashMap<>();
        List<String> names = List.copyOf(policies.keySet());
        for (int j = 1; j < names.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (!notes.containsKey(names.get(i)) && alike(rows, scenarios, names.get(i), names.get(j))) {
                    notes.put(names.get(j), "identical to " + names.get(i) + " in every run"
                            + reason(policies.get(names.get(i)), policies.get(names.get(j))));
                    break;
                }
            }
        }
        return notes;
    }

    private static String reason(OffloadingPolicy a, OffloadingPolicy b) {
        if (a instanceof PriorConsumer x && b instanceof PriorConsumer y) {
            PriorConsumer.PriorNeeds p = x.priorNeeds();
            PriorConsumer.PriorNeeds q = y.priorNeeds();
            if (p.source() == q.source() && p.onDecisionPath() == q.onDecisionPath()
                    && p.reflection() != q.reflection()) {
                return ": the same actor and priors, since no lesson changed a prior (the provider reads none, or "
                        + "none was about a candidate)";
            }
        }
        return "";
    }

    private static boolean alike(List<RunRow> rows, List<String> scenarios, String a, String b) {
        boolean any = false;
        for (RunRow x : rows) {
            if (!x.policy().equals(a) || !scenarios.contains(x.scenario())) {
                continue;
            }
            RunRow y = rows.stream().filter(r -> r.policy().equals(b) && r.scenario().equals(x.scenario())
                    && r.seed() == x.seed()).findFirst().orElse(null);
            if (y == null || !x.ok() || !y.ok() || !same(x.total(), y.total())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static boolean same(Summary x, Summary y) {
        return x.tasks() == y.tasks() && x.successes() == y.successes() && Objects.equals(x.failures(), y.failures())
                && Double.compare(x.latencyMeanS(), y.latencyMeanS()) == 0
                && Double.compare(x.meanReward(), y.meanReward()) == 0;
    }
}
