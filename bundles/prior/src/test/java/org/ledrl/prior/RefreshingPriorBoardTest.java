package org.ledrl.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.ledrl.api.eval.ReflectiveMemory;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefreshingPriorBoardTest {

    /** Answers at once with a prior stamped with the request's time, and remembers every context. */
    static final class RecordingProvider implements PriorProvider {
        final List<PromptContext> asked = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public synchronized CompletionStage<StrategyPrior> propose(PromptContext context) {
            asked.add(context);
            Observation obs = context.observation();
            return CompletableFuture.completedFuture(new StrategyPrior(obs.agent(),
                    List.of(new NodePreference(obs.agent(), 0.5, false)), GlobalStrategy.SPREAD,
                    "asked at " + obs.timeMillis(), "recording", obs.timeMillis()));
        }

        synchronized List<Long> times() {
            return asked.stream().map(c -> c.observation().timeMillis()).toList();
        }
    }

    private final RecordingProvider provider = new RecordingProvider();
    private ExecutorService executor;

    @AfterEach
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private RefreshingPriorBoard simulated(RefreshPolicy policy) {
        return RefreshingPriorBoard.simulated(provider, policy, null);
    }

    @Test
    void aSimulatedPriorBecomesVisibleAfterTheDelayOnTheSimulatedClock() {
        RefreshingPriorBoard board = simulated(RefreshPolicy.defaults().withDelayMillis(2500));
        Observation asking = Situations.observation(0, 2, 0.3);
        board.observe(asking);
        assertEquals(List.of(), provider.times(), "a live provider answers on its own thread: not in observe");
        board.onDecision(asking, org.ledrl.api.model.Decision.of(2, "test"), 0);
        assertEquals(List.of(0L), provider.times(), "the provider answers right after the decision");
        assertEquals(asking, provider.asked.get(0).observation());
        assertTrue(board.latest(0).isNone());

        board.advanceTo(2000);
        assertTrue(board.latest(0).isNone());
        board.advanceTo(2500);
        StrategyPrior prior = board.latest(0);
        assertFalse(prior.isNone());
        assertEquals(0, prior.issuedMillis());
        assertEquals(2500, prior.ageMillis(2500));
    }

    @Test
    void aSimulatedProviderAnswersTheSameWhetherAfterTheDecisionOrWhenTheClockMoves() {
        RefreshPolicy policy = RefreshPolicy.defaults().withEverySlots(2).withDelayMillis(1500);
        RefreshingPriorBoard reported = simulated(policy);
        RecordingProvider other = new RecordingProvider();
        RefreshingPriorBoard silent = RefreshingPriorBoard.simulated(other, policy, null);
        for (int slot = 0; slot <= 8; slot++) {
            Observation o = Situations.observation(slot * 1000L, 2, 0.3 + 0.01 * slot);
            reported.observe(o);
            silent.observe(o);
            reported.onDecision(o, org.ledrl.api.model.Decision.of(0, "test"), 0); // the silent board hears nothing
            assertEquals(reported.latest(0), silent.latest(0), "slot " + slot);
        }
        assertEquals(List.of(0L, 2000L, 4000L, 6000L), other.times(), "the last request waits for the clock");
        silent.advanceTo(8000);
        assertEquals(List.of(0L, 2000L, 4000L, 6000L, 8000L), provider.times());
        assertEquals(provider.times(), other.times());
        assertEquals(reported.stats(), silent.stats());
    }

    @Test
    void asksEveryKSlotsWhenNothingChanges() {
        RefreshingPriorBoard board = simulated(RefreshPolicy.defaults().withEverySlots(3));
        for (int slot = 0; slot <= 10; slot++) {
            board.observe(Situations.observation(slot * 1000L, 2, 0.3));
        }
        assertEquals(List.of(0L, 3000L, 6000L, 9000L), provider.times());
        assertEquals(4, board.stats().delivered());
        assertEquals(9000, board.latest(0).issuedMillis());
    }

    @Test
    void aNeighbourGoingDownOrComingBackTriggersARefresh() {
        RefreshingPriorBoard board = simulated(RefreshPolicy.defaults());
        board.observe(Situations.observation(0, 2, 0.3));
        board.observe(neighbourTwo(1000, Health.DOWN));
        board.observe(neighbourTwo(2000, Health.DOWN));
        board.observe(neighbourTwo(3000, Health.UP));
        assertEquals(List.of(0L, 1000L, 3000L), provider.times());
        assertEquals(2L, board.stats().byTrigger().get(RefreshingPriorBoard.Trigger.EVENT));
    }

    private static Observation neighbourTwo(long time, Health health) {
        Observation base = Situations.observation(time, 2, 0.3);
        List<Candidate> candidates = new ArrayList<>(base.candidates());
        candidates.set(2, Situations.neighbour(Situations.status(2, health, 0.3, 0.6, 0, time), true));
        return Situations.observation(0, time, candidates);
    }

    @Test
    void aLargeChangeInLoadTriggersARefreshASmallOneDoesNot() {
        RefreshingPriorBoard board = simulated(RefreshPolicy.defaults());
        board.observe(Situations.observation(0, 2, 0.30));
        board.observe(Situations.observation(1000, 2, 0.45));
        board.observe(Situations.observation(2000, 2, 0.70));
        assertEquals(List.of(0L, 2000L), provider.times());
        assertEquals(1L, board.stats().byTrigger().get(RefreshingPriorBoard.Trigger.LOAD_CHANGE));
    }

    @Test
    void neverMoreThanMRequestsInFlight() {
        RefreshingPriorBoard board = simulated(RefreshPolicy.defaults().withMaxInFlight(1).withDelayMillis(1500));
        Observation nodeZero = Situations.observation(0, 2, 0.3);
        Observation nodeOne = Situations.observation(1, 0, nodeZero.candidates());
        board.observe(nodeZero);
        board.observe(nodeOne);
        assertEquals(1, provider.asked.size());
        assertEquals(1, board.stats().throttled());
        assertEquals(1, board.stats().inFlight());

        board.observe(Situations.observation(1, 1000, Situations.observation(1000, 2, 0.3).candidates()));
        assertEquals(1, provider.asked.size(), "still in flight until 1500");
        board.observe(Situations.observation(1, 2000, Situations.observation(2000, 2, 0.3).candidates()));
        board.advanceTo(2000); // answered, at the latest, before the clock moves on
        assertEquals(2, provider.asked.size());
        assertEquals(1, provider.asked.get(1).observation().agent());
    }

    @Test
    void outcomesFeedThePromptsTrendAndEventsTriggerAffectedNodes() {
        RefreshingPriorBoard board = simulated(RefreshPolicy.defaults());
        board.observe(Situations.observation(0, 2, 0.3));
        Observation obs = Situations.observation(0, 2, 0.3);
        board.onOutcome(new Outcome(obs.task(), 0, 0, FailureReason.NONE, 1.0, 0.99, 500, 0.9));
        board.onOutcome(new Outcome(obs.task(), 1, 1, FailureReason.LINK_FAILED, 3.0, 0.5, 800, -1));
        board.onEvent(new EnvironmentEvent(900, EnvironmentEvent.Type.LINK_FAILED, 2, 5));
        board.observe(Situations.observation(1000, 2, 0.3));

        assertEquals(2, provider.asked.size());
        PromptContext.Trend trend = provider.asked.get(1).trend();
        assertEquals(2, trend.tasks());
        assertEquals(0.5, trend.successRate());
        assertEquals(2.0, trend.meanLatencyS());
        assertEquals(1, trend.failures().get(FailureReason.LINK_FAILED));
    }

    @Test
    void aNewEpisodeStartsTheSimulatedBoardAfresh() {
        RefreshingPriorBoard board = simulated(RefreshPolicy.defaults());
        board.observe(Situations.observation(0, 2, 0.3));
        board.observe(Situations.observation(5000, 2, 0.3));
        assertFalse(board.latest(0).isNone());
        board.onEpisodeEnd(0);
        assertTrue(board.latest(0).isNone(), "no prior crosses into the next episode");
        board.observe(Situations.observation(0, 2, 0.3));
        assertEquals(List.of(0L, 0L), provider.times());
        assertEquals(0, board.latest(0).issuedMillis());

        board.observe(Situations.observation(3000, 2, 0.3));
        board.observe(Situations.observation(1000, 2, 0.3)); // the clock went back without onEpisodeEnd
        assertEquals(List.of(0L, 0L, 1000L), provider.times());
    }

    @Test
    void contextForGivesTheTrendTheBoardWouldGive() {
        RefreshingPriorBoard board = simulated(RefreshPolicy.defaults());
        Observation obs = Situations.observation(2000, 2, 0.3);
        board.advanceTo(2000);
        board.onOutcome(new Outcome(obs.task(), 0, 0, FailureReason.DEADLINE_MISSED, 4.5, 0.99, 1500, -1));
        PromptContext context = board.contextFor(obs);
        assertEquals(1, context.trend().tasks());
        assertEquals(0.0, context.trend().successRate());
        assertEquals(1, context.trend().failures().get(FailureReason.DEADLINE_MISSED));
        assertTrue(provider.asked.isEmpty(), "contextFor asks no provider");
    }

    @Test
    void twoSimulatedBoardsFedTheSameRunAgreeExactly() {
        List<List<StrategyPrior>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            RefreshingPriorBoard board = RefreshingPriorBoard.simulated(new RecordingProvider(),
                    RefreshPolicy.defaults().withEverySlots(2).withDelayMillis(700), null);
            List<StrategyPrior> seen = new ArrayList<>();
            for (int slot = 0; slot < 20; slot++) {
                board.advanceTo(slot * 1000L);
                board.observe(Situations.observation(slot * 1000L, 2, 0.1 * (slot % 5)));
                seen.add(board.latest(0));
            }
            runs.add(seen);
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void theLiveBoardAnswersAtOnceWhileTheProviderHangs() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PriorProvider hanging = new PriorProvider() {
            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public CompletionStage<StrategyPrior> propose(PromptContext context) {
                entered.countDown();
                try {
                    release.await(); // worst case: blocks the caller's thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return provider.propose(context);
            }
        };
        executor = Executors.newFixedThreadPool(2);
        RefreshingPriorBoard board = RefreshingPriorBoard.live(hanging, RefreshPolicy.defaults(), null, executor,
                Duration.ofMinutes(5));

        board.observe(Situations.observation(0, 2, 0.3));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the provider was called");
        // The provider is blocked right now, and yet:
        assertTrue(board.latest(0).isNone());
        board.observe(Situations.observation(1000, 2, 0.9));
        assertEquals(1, board.stats().inFlight());
        assertEquals(1, release.getCount(), "all of the above happened while the provider hung");

        release.countDown();
        waitFor(() -> !board.latest(0).isNone());
        assertEquals(0, board.latest(0).issuedMillis());
    }

    @Test
    void theLiveBoardBuildsThePromptOnTheExecutorNotOnTheDecidingThread() {
        List<Runnable> queued = new ArrayList<>();
        List<Long> recalled = new ArrayList<>();
        ReflectiveMemory memory = (observation, limit) -> {
            recalled.add(observation.timeMillis());
            return List.of();
        };
        RefreshingPriorBoard board = RefreshingPriorBoard.live(provider, RefreshPolicy.defaults(), memory,
                queued::add, Duration.ofMinutes(5));

        board.observe(Situations.observation(0, 2, 0.3));
        assertEquals(List.of(), recalled, "no lessons recalled on the deciding thread");
        assertEquals(List.of(), provider.times(), "nor the provider asked");
        assertEquals(1, queued.size());

        queued.remove(0).run(); // the executor's turn
        assertEquals(List.of(0L), recalled);
        assertEquals(List.of(0L), provider.times());
        assertEquals(0, board.latest(0).issuedMillis());
    }

    @Test
    void aLiveRequestThatNeverCompletesIsGivenUpAndFreesItsSlot() {
        PriorProvider silent = new PriorProvider() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public CompletionStage<StrategyPrior> propose(PromptContext context) {
                return new CompletableFuture<>();
            }
        };
        executor = Executors.newSingleThreadExecutor();
        RefreshingPriorBoard board = RefreshingPriorBoard.live(silent, RefreshPolicy.defaults().withMaxInFlight(1),
                null, executor, Duration.ofMillis(50));
        board.observe(Situations.observation(0, 2, 0.3));
        waitFor(() -> board.stats().failed() == 1);
        assertEquals(0, board.stats().inFlight());
        board.observe(Situations.observation(0, 1000, Situations.observation(1000, 2, 0.3).candidates()));
        assertEquals(2, board.stats().requested(), "the first request is given up, so node 0 may ask again");
    }

    /** Waits for something another thread does, failing after a generous limit (not a timing assertion). */
    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void aMillionOutcomesAndDecisionsInOneWindowKeepEachHistoryAtItsBoundAndCountTheRest() {
        executor = Executors.newSingleThreadExecutor();
        RefreshingPriorBoard board = RefreshingPriorBoard.live(provider, RefreshPolicy.defaults(), null, executor,
                Duration.ofSeconds(10), 5_000);
        long now = 1_000_000;
        board.advanceTo(now);
        for (int i = 0; i < 1_000_000; i++) {
            org.ledrl.api.model.Task task = new org.ledrl.api.model.Task(i, i % 10, now, 300, 1000, 4, "t");
            board.onOutcome(new Outcome(task, (i + 1) % 10, 1, FailureReason.NONE, 1, 0.99, now, 1));
            Observation observation = Situations.observation(i % 10, now, List.of(Situations.self(
                    Situations.status(i % 10, Health.UP, 0.1, 0, 0, now))));
            board.onDecision(observation, org.ledrl.api.model.Decision.of((i + 3) % 10, "test"), 1);
            if (i % 10_000 == 0) {
                assertTrue(board.buffers().stream().allMatch(org.ledrl.api.health.BufferStatus::withinBound));
            }
        }
        for (org.ledrl.api.health.BufferStatus history : board.buffers()) {
            assertEquals(5_000, history.size(), history.name());
            assertEquals(1_000_000 - 5_000, history.dropped(), history.name());
        }
        assertEquals(List.of("prior-board.outcomes-by-origin", "prior-board.outcomes-by-executor",
                "prior-board.dispatches"), board.buffers().stream().map(org.ledrl.api.health.BufferStatus::name).toList());
    }

    @Test
    void outcomesOlderThanTheWindowLeaveWithoutBeingCountedAsDropped() {
        executor = Executors.newSingleThreadExecutor();
        RefreshingPriorBoard board = RefreshingPriorBoard.live(provider, RefreshPolicy.defaults(), null, executor,
                Duration.ofSeconds(10), 5_000);
        for (int i = 0; i < 1_000_000; i++) {
            long now = 1_000_000 + i * 100L; // ten a second: a 20-slot window holds 200
            board.advanceTo(now);
            org.ledrl.api.model.Task task = new org.ledrl.api.model.Task(i, 0, now, 300, 1000, 4, "t");
            board.onOutcome(new Outcome(task, 1, 1, FailureReason.NONE, 1, 0.99, now, 1));
        }
        for (org.ledrl.api.health.BufferStatus history : board.buffers().subList(0, 2)) {
            assertEquals(200, history.size(), history.name());
            assertEquals(0, history.dropped(), history.name());
        }
    }
}
