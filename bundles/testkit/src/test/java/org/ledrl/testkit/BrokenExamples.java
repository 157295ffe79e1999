package org.ledrl.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;

/**
 * Plugins that each break one rule of a contract, on purpose. Static nested classes: the build's test run leaves
 * them alone, and {@link BrokenExamplesTest} runs their contracts and checks which rule failed.
 */
final class BrokenExamples {

    private BrokenExamples() {
    }

    /** Sends each task to the fastest CPU it sees, up or down. */
    static final class IgnoresHealth extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            return new Named() {
                @Override
                public Decision decide(Observation o, StrategyPrior prior) {
                    Candidate best = o.self();
                    for (Candidate c : o.candidates()) {
                        if (c.status().cpuGHz() > best.status().cpuGHz()) {
                            best = c;
                        }
                    }
                    return Decision.of(best.node(), name());
                }
            };
        }
    }

    /** Always offloads to the first neighbour, even when there is none. */
    static final class AssumesANeighbour extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            return new Named() {
                @Override
                public Decision decide(Observation o, StrategyPrior prior) {
                    Candidate first = o.candidates().get(1);
                    return Decision.of(first.available() ? first.node() : o.agent(), name());
                }
            };
        }
    }

    /** Keeps the best candidate so far in a field: threads deciding at once overwrite each other's. */
    static final class SharedScratch extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            return new Named() {
                private Candidate best;

                @Override
                public Decision decide(Observation o, StrategyPrior prior) {
                    best = o.self();
                    for (Candidate c : o.candidates()) {
                        if (c.available() && c.estimatedLatency(o.task()) < best.estimatedLatency(o.task())) {
                            best = c;
                        }
                        Thread.onSpinWait();
                    }
                    return Decision.of(best.node(), name());
                }
            };
        }
    }

    /** Its copies share one counter: a run's choices depend on what other runs did. */
    static final class SharedCounter extends OffloadingPolicyContract {
        private static final AtomicLong TURN = new AtomicLong();

        @Override
        protected OffloadingPolicy policy() {
            return new Named() {
                @Override
                public Decision decide(Observation o, StrategyPrior prior) {
                    List<Candidate> up = o.candidates().stream().filter(Candidate::available).toList();
                    int pick = (int) (TURN.getAndIncrement() % Math.max(1, up.size()));
                    return Decision.of(up.isEmpty() ? o.agent() : up.get(pick).node(), name());
                }

                @Override
                public OffloadingPolicy forRun(long seed) {
                    TURN.set(seed);
                    return this;
                }
            };
        }
    }

    /** Reads its settings file at every decision. */
    static final class ReadsAFileWhenDeciding extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            Path settings;
            try {
                settings = Files.createTempFile("ledrl-broken-", ".properties");
                Files.writeString(settings, "prefer=local\n");
                settings.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Named() {
                @Override
                public Decision decide(Observation o, StrategyPrior prior) {
                    try {
                        return Decision.of(Files.readString(settings).contains("local") ? o.agent() : o.agent(),
                                name());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }
    }

    private abstract static class Named implements OffloadingPolicy {
        @Override
        public String name() {
            return "broken";
        }
    }

    /** A provider over an in-memory service that takes its answer as given: no range check, no timeout. */
    abstract static class Trusting extends PriorProviderContract {
        final AtomicLong refused = new AtomicLong();

        StrategyPrior parse(Answer answer, Observation o) {
            return switch (answer) {
                case MALFORMED -> {
                    refused.incrementAndGet();
                    yield StrategyPrior.none(o.agent());
                }
                case FAILING -> throw new IllegalStateException("service unavailable");
                case SLOW -> {
                    try {
                        Thread.sleep(SLOW_HOLD.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield StrategyPrior.none(o.agent());
                }
                default -> new StrategyPrior(o.agent(), List.of(new NodePreference(
                        answer == Answer.OUT_OF_RANGE ? 999 : o.self().node(), 0.8, false)), GlobalStrategy.SPREAD,
                        "", "mem", 0);
            };
        }

        Subject subject(PriorProvider provider) {
            return Subject.of(provider, Duration.ofSeconds(1), () -> Map.of("not JSON", refused.get()), () -> { });
        }
    }

    /** Passes advice about node 999, which is not a candidate, on. */
    static final class PassesOutOfRange extends Trusting {
        @Override
        protected Subject subject(Answer answer) {
            return subject(provider(c -> CompletableFuture.completedFuture(parse(answer, c.observation()))));
        }
    }

    /** Waits for the service as long as it takes. */
    static final class WaitsForever extends Trusting {
        @Override
        protected Subject subject(Answer answer) {
            return subject(provider(c -> CompletableFuture.supplyAsync(() -> parse(answer, c.observation()))));
        }
    }

    /** Lets the service's failure through. */
    static final class Throws extends Trusting {
        @Override
        protected Subject subject(Answer answer) {
            return subject(provider(c -> CompletableFuture.completedFuture(parse(answer, c.observation()))));
        }
    }

    /** Returns a stage that cannot be cancelled (or turned into a future). */
    static final class Uncancellable extends Trusting {
        @Override
        protected Subject subject(Answer answer) {
            return subject(provider(c -> new CompletableFuture<StrategyPrior>() {
                @Override
                public CompletableFuture<StrategyPrior> toCompletableFuture() {
                    throw new UnsupportedOperationException("no future here");
                }
            }));
        }
    }

    private static PriorProvider provider(java.util.function.Function<PromptContext, CompletionStage<StrategyPrior>> f) {
        return new PriorProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public CompletionStage<StrategyPrior> propose(PromptContext context) {
                return f.apply(context);
            }
        };
    }

    /** Throws on a line it cannot read, and reports old status as up for ever. */
    static final class CarelessTelemetry extends TelemetrySourceContract {
        @Override
        protected Subject subject(ManualClock clock) {
            return LineTelemetryTest.subject(new LineTelemetry(clock, Duration.ofSeconds(10), false));
        }
    }
}
