package org.ledrl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.metrics.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {

    @TempDir
    Path dir;

    private static Scenario small() throws ScenarioException {
        return Scenarios.parse("{}", "runner", List.of("slots=50", "episodes=3", "failures.linkRate=0.05"));
    }

    /** The simulation's part of a result: everything but wall time and decision times. */
    private static List<Object> simulated(Summary s) {
        return List.of(s.tasks(), s.successes(), s.failures(), s.latencyMeanS(), s.latencyP95S(), s.meanReward());
    }

    private static List<Object> simulated(RunResult result) {
        List<Object> parts = new ArrayList<>(simulated(result.total()));
        result.episodes().forEach(e -> parts.addAll(simulated(e)));
        parts.add(result.nodeLoads());
        parts.add(result.latencyHistogram());
        return parts;
    }

    @Test
    void theSameSeedGivesTheSameResultAlsoSideBySide() throws Exception {
        Scenario scenario = small();
        RunResult alone = Runner.of(scenario, TestPolicies.random(0)).seed(9).run();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RunResult>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long seed = i % 2 == 0 ? 9 : 10;
                runs.add(pool.submit(() -> Runner.of(scenario, TestPolicies.random(0)).seed(seed).run()));
            }
            assertEquals(simulated(alone), simulated(runs.get(0).get()));
            assertEquals(simulated(alone), simulated(runs.get(2).get()));
            assertNotEquals(simulated(alone), simulated(runs.get(1).get()), "another seed, another run");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evaluatorsAndTheTraceSeeEveryOutcomeAndEvent() throws Exception {
        AtomicLong outcomes = new AtomicLong();
        AtomicLong decisions = new AtomicLong();
        AtomicLong events = new AtomicLong();
        List<Integer> episodesEnded = new ArrayList<>();
        Evaluator counting = new Evaluator() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public void onDecision(Observation observation, Decision decision, long decisionNanos) {
                assertTrue(decisionNanos >= 0);
                decisions.incrementAndGet();
            }

            @Override
            public void onOutcome(Outcome outcome) {
                outcomes.incrementAndGet();
            }

            @Override
            public void onEvent(EnvironmentEvent event) {
                events.incrementAndGet();
            }

            @Override
            public void onEpisodeEnd(int episode) {
                episodesEnded.add(episode);
            }
        };
        AtomicLong traced = new AtomicLong();
        List<long[]> progress = new ArrayList<>();
        RunResult result = Runner.of(small(), TestPolicies.greedy()).evaluator(counting)
                .trace((episode, outcome) -> traced.incrementAndGet())
                .progress((done, total, tasks, successes) -> progress.add(new long[] {done, total})).run();
        assertEquals(result.total().tasks(), outcomes.get());
        assertEquals(result.total().tasks(), decisions.get());
        assertEquals(result.total().tasks(), traced.get());
        assertEquals(result.total().decisions(), decisions.get());
        assertTrue(events.get() > 0, "failures happen in 150 slots");
        assertEquals(List.of(0, 1, 2), episodesEnded);
        assertEquals(150, progress.size());
        assertEquals(150, progress.get(149)[0]);
        assertEquals(3, result.episodes().size());
        assertEquals(result.total().tasks(), result.episodes().stream().mapToLong(Summary::tasks).sum());
    }

    @Test
    void aPolicysExceptionReachesTheCaller() {
        OffloadingPolicy failing = new OffloadingPolicy() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                throw new IllegalStateException("model file missing");
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Runner.of(small(), failing).run());
        assertEquals("model file missing", e.getMessage());
    }

    @Test
    void aJointPolicyIsTimedPerSlotAndGetsItsPriors() throws Exception {
        List<Integer> slotSizes = new ArrayList<>();
        StrategyPrior advice = new StrategyPrior(0, List.of(), org.ledrl.api.model.GlobalStrategy.KEEP_LOCAL, "r",
                "test", 0);
        OffloadingPolicy joint = new OffloadingPolicy() {
            @Override
            public String name() {
                return "joint";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                throw new AssertionError("a joint policy is asked per slot");
            }

            @Override
            public List<Decision> decideSlot(List<Observation> observations, List<StrategyPrior> priors) {
                slotSizes.add(observations.size());
                priors.forEach(p -> assertSame(advice, p));
                return observations.stream().map(o -> Decision.of(o.agent(), "joint")).toList();
            }
        };
        AtomicLong observed = new AtomicLong();
        PriorBoard board = new PriorBoard() {
            @Override
            public StrategyPrior latest(int node) {
                return advice;
            }

            @Override
            public void observe(Observation observation) {
                observed.incrementAndGet();
            }
        };
        RunResult result = Runner.of(small(), joint).priors(board).run();
        assertEquals(result.total().tasks(), slotSizes.stream().mapToLong(Integer::longValue).sum());
        assertEquals(result.total().tasks(), observed.get());
        assertEquals(result.total().tasks(), result.total().decisions());
    }

    @Test
    void theResultRoundTripsThroughJson() throws Exception {
        RunResult result = Runner.of(small(), TestPolicies.local()).run();
        Path file = dir.resolve("out/results.json");
        result.write(file);
        RunResult read = RunResult.read(file);
        assertEquals(result, read);
        assertTrue(Files.readString(file).contains("\"successRate\""));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
