package org.ledrl.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.testkit.internal.Rules;

/**
 * What every {@link PriorProvider} must do, as JUnit 5 tests: extend it and build, in {@link #subject}, the
 * provider with its service answering as told ({@link Answer}), usually a loopback server speaking the service's
 * real protocol. Every request is about {@link #ASKED}. Each failure message starts with the rule that was broken:
 * <ul>
 *     <li>{@value #VALID}: a good answer becomes a prior for the asking node, about its candidates only;</li>
 *     <li>{@value #REFUSED}: a malformed or out-of-range answer is refused with a reason the provider reports, and
 *     the prior it completes with instead is still well formed;</li>
 *     <li>{@value #TIMEOUT}: a service that does not answer costs at most the provider's timeout;</li>
 *     <li>{@value #CANCEL}: a request can be cancelled through its stage, and the provider keeps answering;</li>
 *     <li>{@value #NO_EXCEPTION}: neither {@code propose} nor its stage ends in an exception, whatever the
 *     service does.</li>
 * </ul>
 * A provider without a service (a deterministic heuristic) returns {@link Subject#withoutService}: the rules about
 * what a service answers are then skipped, not passed.
 */
public abstract class PriorProviderContract {

    public static final String VALID = "a valid answer becomes a prior about the candidates";
    public static final String REFUSED = "malformed and out-of-range answers are refused with a reason";
    public static final String TIMEOUT = "timeouts are honoured";
    public static final String CANCEL = "cancellation works";
    public static final String NO_EXCEPTION = "no exception escapes";

    /** What the service holds a {@link Answer#SLOW} answer for: longer than any timeout a test should configure. */
    public static final Duration SLOW_HOLD = Duration.ofSeconds(10);

    /** The situation every request is about: agent and candidates a valid answer talks about. */
    public static final Observation ASKED = Situations.random(11);

    /** How the service behind the provider answers, for the whole of one test. */
    public enum Answer {
        /** A well-formed answer about {@link #ASKED}'s candidates, each preference within [0,1]. */
        VALID,
        /** Not in the service's format at all (e.g. cut-off JSON). */
        MALFORMED,
        /** Well formed, but a preference of 7.5 (outside [0,1]) or a node that is not a candidate. */
        OUT_OF_RANGE,
        /** Answers nothing for {@link #SLOW_HOLD}. */
        SLOW,
        /** Fails: an HTTP 500, a closed connection, or an unreachable address. */
        FAILING
    }

    /** The provider under test and what the contract needs to see of it. */
    public static final class Subject implements AutoCloseable {
        private final PriorProvider provider;
        private final Duration timeout;
        private final java.util.function.Supplier<Map<String, Long>> refusals;
        private final AutoCloseable resources;

        private Subject(PriorProvider provider, Duration timeout,
                        java.util.function.Supplier<Map<String, Long>> refusals, AutoCloseable resources) {
            this.provider = provider;
            this.timeout = timeout;
            this.refusals = refusals;
            this.resources = resources;
        }

        /**
         * @param provider  the provider, configured to ask the scripted service
         * @param timeout   the longest wait for one answer it is configured with
         * @param refusals  the answers it refused so far, counted by reason (its own words: "not JSON", ...)
         * @param resources closed after the test (the loopback server)
         */
        public static Subject of(PriorProvider provider, Duration timeout,
                                 java.util.function.Supplier<Map<String, Long>> refusals, AutoCloseable resources) {
            return new Subject(provider, timeout, refusals, resources);
        }

        /** A provider that asks no service: only the rules that hold for any provider are checked. */
        public static Subject withoutService(PriorProvider provider) {
            return new Subject(provider, Duration.ofSeconds(1), null, () -> { });
        }

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    /** The provider, its service answering every request as {@code answer} says. Called once per test. */
    protected abstract Subject subject(Answer answer) throws Exception;

    /** The context every request carries: {@link #ASKED}, no trend, no lessons. */
    protected PromptContext context() {
        return new PromptContext(ASKED, PromptContext.Trend.empty(), List.of());
    }

    @Test
    void turnsAValidAnswerIntoAPrior() throws Exception {
        try (Subject s = subject(Answer.VALID)) {
            StrategyPrior prior = await(s, s.provider.propose(context()), VALID);
            checkWellFormed(prior, VALID);
            if (s.refusals != null) {
                Rules.check(!prior.isNone(), VALID, "a valid answer gave no advice");
                Rules.check(total(s) == 0, VALID, "a valid answer was refused: " + s.refusals.get());
            }
        }
    }

    @Test
    void refusesAMalformedAnswerWithAReason() throws Exception {
        refuses(Answer.MALFORMED);
    }

    @Test
    void refusesAnOutOfRangeAnswerWithAReason() throws Exception {
        refuses(Answer.OUT_OF_RANGE);
    }

    @Test
    void honoursItsTimeout() throws Exception {
        try (Subject s = subject(Answer.SLOW)) {
            Assumptions.assumeTrue(s.refusals != null, "the provider asks no service");
            long start = System.nanoTime();
            StrategyPrior prior = await(s, s.provider.propose(context()), TIMEOUT);
            checkWellFormed(prior, TIMEOUT);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Rules.check(tookMs < SLOW_HOLD.toMillis(), TIMEOUT, "waited " + tookMs + " ms for a service that does"
                    + " not answer, with a timeout of " + s.timeout.toMillis() + " ms");
        }
    }

    @Test
    void canBeCancelled() throws Exception {
        try (Subject s = subject(Answer.SLOW)) {
            CompletionStage<StrategyPrior> stage = propose(s, CANCEL);
            CompletableFuture<StrategyPrior> future;
            try {
                future = stage.toCompletableFuture();
                future.cancel(true);
            } catch (RuntimeException e) {
                throw Rules.broken(CANCEL, "the stage cannot be cancelled: " + e);
            }
            Rules.check(future.isDone(), CANCEL, "the stage is not done after cancel");
            if (future.isCancelled()) {
                Rules.check(isCancelled(future), CANCEL, "a cancelled stage does not report it");
            }
            for (int i = 0; i < 2; i++) {
                checkWellFormed(await(s, s.provider.propose(context()), CANCEL), CANCEL);
            }
        }
    }

    @Test
    void letsNoExceptionEscape() throws Exception {
        for (Answer answer : List.of(Answer.FAILING, Answer.MALFORMED)) {
            try (Subject s = subject(answer)) {
                checkWellFormed(await(s, propose(s, NO_EXCEPTION), NO_EXCEPTION), NO_EXCEPTION);
                PromptContext alone = new PromptContext(Situations.noCandidates(), PromptContext.Trend.empty(),
                        List.of());
                CompletionStage<StrategyPrior> stage;
                try {
                    stage = s.provider.propose(alone);
                } catch (RuntimeException e) {
                    throw Rules.broken(NO_EXCEPTION, "propose threw " + e + " for a node without neighbours");
                }
                StrategyPrior prior = await(s, stage, NO_EXCEPTION);
                Rules.check(prior != null && prior.node() == alone.observation().agent(), NO_EXCEPTION,
                        "no prior for a node without neighbours");
            }
        }
    }

    private void refuses(Answer answer) throws Exception {
        try (Subject s = subject(answer)) {
            Assumptions.assumeTrue(s.refusals != null, "the provider asks no service");
            StrategyPrior prior = await(s, s.provider.propose(context()), REFUSED);
            checkWellFormed(prior, REFUSED);
            Map<String, Long> reasons = s.refusals.get();
            Rules.check(total(s) > 0, REFUSED, "a " + answer + " answer was not refused (no reason reported), prior "
                    + prior);
            Rules.check(reasons.keySet().stream().noneMatch(String::isBlank), REFUSED, "a refusal without a reason");
        }
    }

    private CompletionStage<StrategyPrior> propose(Subject s, String rule) {
        try {
            CompletionStage<StrategyPrior> stage = s.provider.propose(context());
            Rules.check(stage != null, rule, "propose returned null");
            return stage;
        } catch (RuntimeException e) {
            throw Rules.broken(NO_EXCEPTION, "propose threw " + e);
        }
    }

    private static StrategyPrior await(Subject s, CompletionStage<StrategyPrior> stage, String rule)
            throws InterruptedException {
        Rules.check(stage != null, rule, "propose returned null");
        long waitMs = s.timeout.toMillis() * 2 + 3_000;
        try {
            StrategyPrior prior = stage.toCompletableFuture().get(waitMs, TimeUnit.MILLISECONDS);
            Rules.check(prior != null, rule, "the stage completed with null instead of a prior");
            return prior;
        } catch (ExecutionException e) {
            throw Rules.broken(NO_EXCEPTION, "the stage completed exceptionally: " + e.getCause());
        } catch (CancellationException e) {
            throw Rules.broken(rule, "the stage was cancelled by the provider");
        } catch (TimeoutException e) {
            throw Rules.broken(TIMEOUT, "no prior after " + waitMs + " ms (timeout " + s.timeout.toMillis() + " ms)");
        }
    }

    private static boolean isCancelled(CompletableFuture<StrategyPrior> future) {
        try {
            future.getNow(null);
            return false;
        } catch (CancellationException e) {
            return true;
        }
    }

    private static long total(Subject s) {
        return s.refusals.get().values().stream().mapToLong(Long::longValue).sum();
    }

    private void checkWellFormed(StrategyPrior prior, String rule) {
        Observation asked = context().observation();
        Rules.check(prior.node() == asked.agent() || prior.isNone(), rule, "the prior is for node " + prior.node()
                + ", the request for node " + asked.agent());
        for (NodePreference p : prior.preferences()) {
            Rules.check(asked.indexOf(p.node()) >= 0, rule, "the prior names node " + p.node()
                    + ", which is not a candidate");
            Rules.check(p.preference() >= 0 && p.preference() <= 1, rule, "the prior prefers node " + p.node()
                    + " with " + p.preference() + ", outside [0,1]");
        }
    }
}
