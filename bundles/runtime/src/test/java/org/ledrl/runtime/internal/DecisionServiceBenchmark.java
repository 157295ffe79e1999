package org.ledrl.runtime.internal;

import static org.ledrl.runtime.internal.Fixtures.config;
import static org.ledrl.runtime.internal.Fixtures.observation;
import static org.ledrl.runtime.internal.Fixtures.properties;

import java.util.concurrent.TimeUnit;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
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
 * What the decision service adds to a policy's own decision time: the atomic read of the current
 * policy, the prior lookup, the answer check and the counters. Run with
 * {@code java -cp <test class path> org.openjdk.jmh.Main DecisionServiceBenchmark}; not part of the build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime) // percentiles: quote the median (p0.50)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionServiceBenchmark {

    /** Stays local, like the local policy: the cheapest possible policy, so the overhead shows. */
    private final OffloadingPolicy local = new OffloadingPolicy() {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            return Decision.of(observation.agent(), "local");
        }
    };

    private final DecisionServiceImpl service = new DecisionServiceImpl();
    private final Observation observation = observation();
    private final StrategyPrior none = StrategyPrior.none(observation.agent());

    @Setup
    public void setUp() {
        service.configure(config(""));
        service.addPolicy(local, properties("local", 0, 1));
    }

    @Benchmark
    public Decision policyAlone() {
        return local.decide(observation, none);
    }

    @Benchmark
    public Decision throughDecisionService() {
        return service.decide(observation);
    }
}
