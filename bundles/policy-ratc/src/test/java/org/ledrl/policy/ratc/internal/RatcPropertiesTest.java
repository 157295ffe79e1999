package org.ledrl.policy.ratc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;

/** The rule's invariants over random neighbourhoods: busy, idle, flaky, down and unmeasured nodes, 1 to 3 hops. */
class RatcPropertiesTest {

    private final RatcPolicy policy = new RatcPolicy();

    @Provide
    Arbitrary<Observation> observations() {
        Arbitrary<Task> tasks = Combinators.combine(Arbitraries.doubles().between(250, 500),
                Arbitraries.doubles().between(800, 2400), Arbitraries.of(2.0, 4.0))
                .as((size, cycles, deadline) -> new Task(1, 0, 0L, size, cycles, deadline, "test"));
        Arbitrary<Candidate> candidates = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.doubles().between(1, 4), Arbitraries.doubles().between(0, 5).injectNull(0.05),
                Arbitraries.of(0.0, 0.02, 0.1, 0.4), Arbitraries.of(true, true, true, false),
                Arbitraries.doubles().between(0.025, 0.1).ofScale(3))
                .as((hops, cpu, queue, rate, up, secondsPerMB) -> candidate(hops, cpu, queue, rate, up, secondsPerMB));
        return Combinators.combine(tasks, candidates.list().ofMinSize(1).ofMaxSize(9), Arbitraries.of(0.0, 0.9, 0.95))
                .as((task, list, threshold) -> {
                    List<Candidate> all = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        Candidate c = list.get(i);
                        NodeStatus s = c.status();
                        // node ids follow the list; the first is the agent itself, with no path
                        NodeStatus status = new NodeStatus(i, s.health(), s.cpuGHz(), s.cpuLoad(), s.queueLength(),
                                s.queueSeconds(), s.memoryLoad(), s.gpuLoad(), s.temperatureC(), 0, 0L);
                        all.add(i == 0 ? new Candidate(status, c.nodeFailureRate(), 0, 0, 0, 0, true)
                                : new Candidate(status, c.nodeFailureRate(), c.hops(), c.secondsPerMB(),
                                c.pathLatencyS(), c.pathFailureRate(), c.pathUp()));
                    }
                    return new Observation(0, 0L, task, all, threshold);
                });
    }

    private static Candidate candidate(int hops, double cpu, Double queue, double rate, boolean up,
                                       double secondsPerMB) {
        NodeStatus status = new NodeStatus(-1, up ? Health.UP : Health.DOWN, cpu, 0.5, 1,
                queue == null ? Double.NaN : queue, 0.3, Double.NaN, Double.NaN, 0, 0L);
        return new Candidate(status, rate, hops, hops * secondsPerMB, hops * 0.003, hops * 0.01, true);
    }

    private Candidate chosen(Observation observation) {
        int target = policy.decide(observation, StrategyPrior.none(0)).target();
        return observation.candidates().get(observation.indexOf(target));
    }

    private static boolean feasible(Candidate c, Observation o) {
        return c.available()
                && RatcPolicy.feasible(c, o.task(), c.estimatedLatency(o.task()), o.reliabilityThreshold());
    }

    @Property(tries = 2000)
    void choosesAnAvailableCandidateWhenThereIsOne(@ForAll("observations") Observation observation) {
        boolean any = observation.candidates().stream()
                .anyMatch(c -> c.available() && !Double.isNaN(c.status().queueSeconds()));
        Candidate chosen = chosen(observation);
        assertEquals(any, chosen.available() && !Double.isNaN(chosen.status().queueSeconds()));
    }

    @Property(tries = 2000)
    void aFeasibleCandidateIsTakenWithTheFewestHopsThenTheEarliestFinish(@ForAll("observations") Observation o) {
        Candidate chosen = chosen(o);
        boolean anyFeasible = o.candidates().stream().anyMatch(c -> feasible(c, o));
        assertEquals(anyFeasible, feasible(chosen, o), "feasible exactly when some candidate is");
        if (!anyFeasible) {
            return;
        }
        double latency = chosen.estimatedLatency(o.task());
        for (Candidate other : o.candidates()) {
            if (feasible(other, o)) {
                assertTrue(other.hops() >= chosen.hops(), "no feasible candidate is nearer");
                assertFalse(other.hops() == chosen.hops() && other.estimatedLatency(o.task()) < latency,
                        "none as near finishes sooner");
            }
        }
    }

    @Property(tries = 2000)
    void aHopelessTaskHoldsNoExecutorLongerThanItMust(@ForAll("observations") Observation o) {
        if (o.candidates().stream().anyMatch(c -> feasible(c, o))) {
            return;
        }
        Candidate chosen = chosen(o);
        if (!chosen.available()) {
            return; // nothing measurable was available: the task stays home (see the other property)
        }
        double waste = RatcPolicy.wastedSeconds(chosen, o.task());
        for (Candidate other : o.candidates()) {
            if (other.available()) {
                assertFalse(RatcPolicy.wastedSeconds(other, o.task()) < waste);
            }
        }
    }
}
