package org.ledrl.policy.ratc.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.metrics.Summary;
import org.ledrl.policy.greedy.internal.GreedyPolicy;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.Scenarios;

/**
 * The parts of the RATC rule one at a time, for the README: the rule before the fix, earliest finish among the
 * feasible candidates, fewest hops first, each with the hopeless task kept home or sent where it holds an executor
 * least; with how often a policy sends a task to a node another agent picked earlier in the same slot (the
 * estimates do not show those tasks yet) and how such tasks fare. Run with
 * {@code ./mvnw -f bundles/pom.xml -pl policy-ratc exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.ledrl.policy.ratc.internal.RatcAblation -Dexec.args="SCENARIO.yaml FIRST-LAST [key=value...]"}.
 */
public final class RatcAblation {

    private RatcAblation() {
    }

    public static void main(String[] args) throws Exception {
        Scenario scenario = Scenarios.load(Path.of(args[0]), Arrays.asList(args).subList(2, args.length));
        String[] range = args[1].split("-");
        long first = Long.parseLong(range[0]);
        long last = Long.parseLong(range[1]);
        Map<String, OffloadingPolicy> policies = new LinkedHashMap<>();
        policies.put("greedy", new GreedyPolicy());
        policies.put("before: most reliable", rule(RatcAblation::mostReliableBefore));
        policies.put("earliest feasible, hopeless home", rule(o -> orHome(o, earliestFeasible(o))));
        policies.put("earliest feasible, least harm", rule(o -> orLeastHarm(o, earliestFeasible(o))));
        policies.put("fewest hops, hopeless home", rule(o -> orHome(o, fewestHopsFeasible(o))));
        policies.put("ratc: fewest hops, least harm", new RatcPolicy());
        System.out.printf(Locale.ROOT, "%s, seeds %d..%d%n%-34s %8s %9s %9s %9s %9s %9s %9s %9s%n",
                scenario.name(), first, last, "rule", "success", "deadline", "transit", "node", "offload", "crowded",
                "crowded ok", "other ok");
        for (var entry : policies.entrySet()) {
            double success = 0;
            Crowding crowding = new Crowding();
            long tasks = 0;
            long deadline = 0;
            long transit = 0;
            long node = 0;
            for (long seed = first; seed <= last; seed++) {
                Summary total = Runner.of(scenario, entry.getValue()).seed(seed).evaluator(crowding).run().total();
                success += total.successRate();
                tasks += total.tasks();
                deadline += total.failures(FailureReason.DEADLINE_MISSED);
                transit += total.failures(FailureReason.TRANSMISSION_FAILURE);
                node += total.failures(FailureReason.NODE_FAILED);
            }
            System.out.printf(Locale.ROOT, "%-34s %7.1f%% %8.1f%% %8.1f%% %8.1f%% %8.1f%% %8.1f%% %8.1f%% %8.1f%%%n",
                    entry.getKey(), 100 * success / (last - first + 1), 100.0 * deadline / tasks,
                    100.0 * transit / tasks, 100.0 * node / tasks, 100.0 * crowding.offloaded / crowding.decided,
                    100.0 * crowding.crowded / crowding.decided, 100.0 * crowding.crowdedOk / crowding.crowded,
                    100.0 * crowding.otherOk / (crowding.decided - crowding.crowded));
        }
    }

    private static OffloadingPolicy rule(Function<Observation, Candidate> rule) {
        return new OffloadingPolicy() {
            @Override
            public String name() {
                return "variant";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                return Decision.of(rule.apply(observation).node(), name());
            }
        };
    }

    private static boolean feasible(Candidate c, Observation o) {
        return c.available()
                && RatcPolicy.feasible(c, o.task(), c.estimatedLatency(o.task()), o.reliabilityThreshold());
    }

    /** The rule before the fix: the highest estimated reliability among those meeting the deadline. */
    private static Candidate mostReliableBefore(Observation o) {
        Task task = o.task();
        Candidate best = null;
        Candidate earliest = null;
        for (Candidate c : o.candidates()) {
            if (!c.available()) {
                continue;
            }
            double latency = c.estimatedLatency(task);
            if (earliest == null || latency < earliest.estimatedLatency(task)) {
                earliest = c;
            }
            if (latency <= task.deadlineS() && (best == null || c.estimatedReliability(task)
                    > best.estimatedReliability(task) || c.estimatedReliability(task) == best.estimatedReliability(task)
                    && latency < best.estimatedLatency(task))) {
                best = c;
            }
        }
        return best != null ? best : o.self().available() || earliest == null ? o.self() : earliest;
    }

    private static Candidate earliestFeasible(Observation o) {
        Candidate best = null;
        for (Candidate c : o.candidates()) {
            if (feasible(c, o) && (best == null || c.estimatedLatency(o.task()) < best.estimatedLatency(o.task()))) {
                best = c;
            }
        }
        return best;
    }

    private static Candidate fewestHopsFeasible(Observation o) {
        Candidate best = null;
        for (Candidate c : o.candidates()) {
            if (feasible(c, o) && (best == null || c.hops() < best.hops()
                    || c.hops() == best.hops() && c.estimatedLatency(o.task()) < best.estimatedLatency(o.task()))) {
                best = c;
            }
        }
        return best;
    }

    private static Candidate orHome(Observation o, Candidate chosen) {
        return chosen != null ? chosen : o.self();
    }

    private static Candidate orLeastHarm(Observation o, Candidate chosen) {
        if (chosen != null) {
            return chosen;
        }
        Candidate best = o.self();
        double least = Double.POSITIVE_INFINITY;
        for (Candidate c : o.candidates()) {
            double waste = RatcPolicy.wastedSeconds(c, o.task());
            if (c.available() && waste < least) {
                best = c;
                least = waste;
            }
        }
        return best;
    }

    /** Counts tasks sent to a node that another agent picked earlier in the same slot, and how they end. */
    private static final class Crowding implements Evaluator {
        private final Map<Integer, Integer> pickedThisSlot = new HashMap<>();
        private final Map<Long, Boolean> crowdedTask = new HashMap<>();
        private long slotMillis = -1;
        long decided;
        long offloaded;
        long crowded;
        long crowdedOk;
        long otherOk;

        @Override
        public String name() {
            return "crowding";
        }

        @Override
        public void onDecision(Observation observation, Decision decision, long nanos) {
            if (observation.timeMillis() != slotMillis) {
                pickedThisSlot.clear();
                slotMillis = observation.timeMillis();
            }
            boolean isCrowded = pickedThisSlot.merge(decision.target(), 1, Integer::sum) > 1;
            crowdedTask.put(observation.task().id(), isCrowded);
            decided++;
            offloaded += decision.target() != observation.agent() ? 1 : 0;
            crowded += isCrowded ? 1 : 0;
        }

        @Override
        public void onOutcome(Outcome outcome) {
            Boolean isCrowded = crowdedTask.remove(outcome.task().id());
            if (isCrowded != null && outcome.success()) {
                crowdedOk += isCrowded ? 1 : 0;
                otherOk += isCrowded ? 0 : 1;
            }
        }

        @Override
        public void onEpisodeEnd(int episode) {
            crowdedTask.clear(); // task ids start again at 0 each episode
            slotMillis = -1;
        }
    }
}
