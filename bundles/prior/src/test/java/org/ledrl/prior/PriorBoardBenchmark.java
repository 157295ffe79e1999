package org.ledrl.prior;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the prior board costs on the decision path ({@code latest}, and {@code observe} when no
 * refresh is due) and what a refresh costs off it (rendering the prompt, validating an answer). Run
 * with {@code java -cp <test class path> org.openjdk.jmh.Main PriorBoardBenchmark}; not part of the build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime) // percentiles: quote the median (p0.50)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PriorBoardBenchmark {

    private static final String ANSWER = """
            {"preferences":[{"node":0,"preference":0.2,"avoid":false},{"node":1,"preference":0.9,"avoid":false},\
            {"node":2,"preference":0.4,"avoid":false},{"node":3,"preference":0.0,"avoid":true}],\
            "strategy":"SPREAD","rationale":"node 1 is idle"}""";

    private final PriorProvider instant = new PriorProvider() {
        @Override
        public String name() {
            return "instant";
        }

        @Override
        public CompletionStage<StrategyPrior> propose(PromptContext context) {
            Observation obs = context.observation();
            return CompletableFuture.completedFuture(new StrategyPrior(obs.agent(),
                    List.of(new NodePreference(obs.agent(), 0.5, false)), GlobalStrategy.SPREAD, "", "instant",
                    obs.timeMillis()));
        }
    };

    private RefreshingPriorBoard board;
    private Observation observation;
    private PromptContext context;
    private PromptBuilder prompts;

    @Setup
    public void setUp() {
        observation = Situations.observation(0, 3, 0.3);
        context = Situations.context(observation);
        prompts = PromptBuilder.defaults();
        // refresh only every 1,000,000 slots: observe() measures the check, not a refresh
        board = RefreshingPriorBoard.simulated(instant, RefreshPolicy.defaults().withEverySlots(1_000_000), null);
        board.observe(observation);
    }

    @Benchmark
    public StrategyPrior latest() {
        return board.latest(0);
    }

    @Benchmark
    public StrategyPrior observeThenLatest() {
        board.observe(observation);
        return board.latest(0);
    }

    @Benchmark
    public Prompt renderPrompt() {
        return prompts.render(context);
    }

    @Benchmark
    public Verdict validateAnswer() {
        return PriorValidator.validate(ANSWER, observation, "m", 0);
    }
}
