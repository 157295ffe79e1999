package org.ledrl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ledrl.api.env.Slot;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;

/** Properties of the simulator over generated scenarios, seeds and policies. */
class SimulationPropertiesTest {

    /** Small networks of every kind with random loads, failure rates and multi-hop reach. */
    @Provide
    Arbitrary<List<String>> scenarios() {
        Arbitrary<String> type = Arbitraries.of("random", "ring", "grid");
        Arbitrary<Integer> nodes = Arbitraries.integers().between(3, 30);
        Arbitrary<Double> arrival = Arbitraries.doubles().between(0.05, 1.0);
        Arbitrary<Double> nodeRate = Arbitraries.doubles().between(0, 0.2);
        Arbitrary<Double> linkRate = Arbitraries.doubles().between(0, 0.5);
        Arbitrary<Double> attemptRate = Arbitraries.doubles().between(0, 0.3);
        Arbitrary<Integer> hops = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> capacity = Arbitraries.integers().between(1, 40);
        return Combinators.combine(type, nodes, arrival, nodeRate, linkRate, attemptRate, hops, capacity)
                .as((t, n, p, nr, lr, ar, h, c) -> List.of("topology.type=" + t, "topology.nodes=" + n,
                        "topology.degree=" + Math.min(2.5, n - 1), "slots=40", "tasks.arrivalProbability=[" + p / 2 + "," + p + "]",
                        "failures.nodeHardwareRate=" + nr, "failures.nodeSoftwareRate=" + nr / 2,
                        "failures.linkRate=" + lr, "failures.executionRate=" + ar, "failures.transmissionRate=" + ar,
                        "policy.maxHops=" + h, "nodes.queueCapacity=" + c, "failures.rejoinProbability=0.3"));
    }

    /** What one episode showed: every observation and outcome, and a check at each slot. */
    private static final class Episode {
        final Map<Long, Observation> observed = new HashMap<>();
        final Map<Long, Decision> decided = new HashMap<>();
        final Map<Long, Integer> endings = new HashMap<>();
        final List<Outcome> outcomes = new ArrayList<>();
        final List<EnvironmentEvent> events = new ArrayList<>();
    }

    private static Episode play(Simulation simulation, long seed, long policySeed) {
        SplittableRandom random = new SplittableRandom(policySeed);
        Episode episode = new Episode();
        Slot slot = simulation.reset(seed);
        int capacity = simulation.scenario().nodes().queueCapacity();
        int nodes = simulation.topology().size();
        while (true) {
            for (Outcome outcome : slot.outcomes()) {
                episode.endings.merge(outcome.task().id(), 1, Integer::sum);
                episode.outcomes.add(outcome);
            }
            episode.events.addAll(slot.events());
            // conservation: tasks arrived = tasks ended + tasks still in the network, and the node
            // queues never hold more than are still in the network
            long inNetwork = episode.observed.size() - episode.endings.size();
            assertTrue(inNetwork >= 0, "more outcomes than tasks");
            float[] state = simulation.globalState();
            long queued = 0;
            for (int i = 0; i < nodes; i++) {
                queued += Math.round(state[5 * i + 3] * capacity);
            }
            assertTrue(queued <= inNetwork, "queues hold " + queued + " tasks, only " + inNetwork + " in the network");
            if (slot.done()) {
                assertEquals(0, inNetwork, "every task ended within the episode");
                return episode;
            }
            List<Decision> decisions = new ArrayList<>();
            for (Observation observation : slot.observations()) {
                // random candidates, available or not, and now and then a node that is no candidate
                int target = random.nextInt(20) == 0 ? nodes + 3
                        : observation.candidates().get(random.nextInt(observation.candidates().size())).node();
                Decision decision = Decision.of(target, "random");
                assertEquals(null, episode.observed.put(observation.task().id(), observation), "task ids unique");
                episode.decided.put(observation.task().id(), decision);
                decisions.add(decision);
            }
            slot = simulation.step(decisions);
        }
    }

    @Property(tries = 60)
    void everyTaskEndsInExactlyOneOutcome(@ForAll("scenarios") List<String> sets, @ForAll long seed)
            throws ScenarioException {
        Episode episode = play(new Simulation(Scenarios.parse("{}", "property", sets)), seed, seed ^ 1);
        assertEquals(episode.observed.keySet(), episode.endings.keySet());
        episode.endings.forEach((id, count) -> assertEquals(1, count, "outcomes of task " + id));
        for (Outcome outcome : episode.outcomes) {
            assertTrue(outcome.failure() != null);
            if (outcome.success()) {
                assertTrue(outcome.latencyS() <= outcome.task().deadlineS() + 1e-9, "success within the deadline");
                assertTrue(outcome.reliability() >= 0.9, "success reaches the reliability threshold");
            }
        }
    }

    @Property(tries = 60)
    void latencyIsNeverBelowThePhysicalMinimum(@ForAll("scenarios") List<String> sets, @ForAll long seed)
            throws ScenarioException {
        Episode episode = play(new Simulation(Scenarios.parse("{}", "property", sets)), seed, seed ^ 2);
        for (Outcome outcome : episode.outcomes) {
            if (outcome.failure() == FailureReason.NONE
                    || outcome.failure() == FailureReason.RELIABILITY_BELOW_THRESHOLD) {
                Observation observation = episode.observed.get(outcome.task().id());
                Candidate chosen = observation.candidates().get(observation.indexOf(outcome.executor()));
                double minimum = chosen.transferSeconds(outcome.task()) + chosen.computeSeconds(outcome.task());
                assertTrue(outcome.latencyS() >= minimum - 1e-9, "latency " + outcome.latencyS()
                        + " below transfer + compute " + minimum);
            }
            assertTrue(outcome.latencyS() >= 0 && outcome.latencyS() <= outcome.task().deadlineS() + 1e-9,
                    "a task ends by its deadline: " + outcome);
        }
    }

    @Property(tries = 25)
    void theSameSeedGivesTheSameEpisode(@ForAll("scenarios") List<String> sets, @ForAll long seed)
            throws ScenarioException {
        Scenario scenario = Scenarios.parse("{}", "property", sets);
        Episode first = play(new Simulation(scenario), seed, 3);
        Simulation reused = new Simulation(scenario);
        play(reused, seed + 1, 4); // a different episode first: reset must forget it
        Episode second = play(reused, seed, 3);
        assertEquals(first.outcomes, second.outcomes);
        assertEquals(first.events, second.events);
    }
}
