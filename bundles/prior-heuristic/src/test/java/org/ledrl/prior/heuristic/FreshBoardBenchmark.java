package org.ledrl.prior.heuristic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.prior.RefreshPolicy;
import org.ledrl.prior.RefreshingPriorBoard;
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
 * What reading a prior costs a decision when the board's provider is the heuristic, which has no latency and so
 * answers on the caller's thread in {@code observe} (the live board's default), at 20 candidates: the time a
 * decision spends on priors. Run with {@code java -cp <test class path> org.openjdk.jmh.Main FreshBoardBenchmark};
 * not part of the build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime) // percentiles: quote the median (p0.50)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FreshBoardBenchmark {

    private RefreshingPriorBoard board;
    private Observation observation;

    @Setup
    public void setUp() {
        List<Candidate> candidates = new ArrayList<>();
        for (int node = 0; node < 20; node++) {
            NodeStatus status = new NodeStatus(node, Health.UP, 1.0 + node % 4, 0.3, node % 5, 0.4 * (node % 5),
                    0.3, Double.NaN, Double.NaN, 0, 0L);
            int hops = node == 0 ? 0 : 1;
            candidates.add(new Candidate(status, 0.01, hops, hops * 0.05, hops * 0.003, 0.001, true));
        }
        observation = new Observation(0, 0L, new Task(1, 0, 0L, 400, 1500, 4.0, "video-analytics"), candidates,
                0.9);
        board = RefreshingPriorBoard.simulated(HeuristicPrior.provider(), RefreshPolicy.defaults(), null);
    }

    @Benchmark
    public StrategyPrior observeThenLatest() {
        board.observe(observation);
        return board.latest(0);
    }
}
