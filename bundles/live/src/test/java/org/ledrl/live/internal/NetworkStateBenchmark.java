package org.ledrl.live.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.telemetry.StatusBoard;
import org.ledrl.telemetry.TestConfigs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a live decision pays before its policy runs: the telemetry board's snapshot (every link of a full mesh
 * measured), the network state and the task's observation, as {@code LiveRuntimeComponent.decide} does for each
 * task: once with the topology built from scratch, once with the topology kept from the decision before. Run with
 * {@code java -cp <test class path> org.openjdk.jmh.Main NetworkStateBenchmark}; not part of the build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime) // percentiles: quote the median (p0.50)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NetworkStateBenchmark {

    private static final long NOW = 1_000_000;

    @Param({"20", "50"})
    public int nodes;

    private NetworkSettings settings;
    private StatusBoard board;
    private LiveTopology topology;
    private Task task;

    @Setup
    public void setUp() {
        settings = NetworkSettings.of(TestConfigs.of(LiveRuntimeComponent.Config.class, Map.of("maxHops", 2)));
        List<NodeStatus> statuses = new ArrayList<>();
        List<LinkStatus> links = new ArrayList<>();
        for (int a = 0; a < nodes; a++) {
            statuses.add(new NodeStatus(a, Health.UP, 1.0 + a % 4, 0.3, a % 5, 0.4 * (a % 5), 0.3, Double.NaN,
                    45.0, 0, NOW));
            for (int b = a + 1; b < nodes; b++) {
                links.add(new LinkStatus(a, b, Health.UP, 10 + (a + b) % 20, 2.0, 0, NOW));
            }
        }
        board = new StatusBoard("bench", 10_000, () -> NOW);
        statuses.forEach(board::put);
        links.forEach(board::put);
        task = new Task(1, 0, NOW, 400, 1000, 4, "generic");
    }

    /** A decision's state built from scratch, after a change of telemetry: the board's snapshot, the state. */
    @Benchmark
    public Observation builtThenObserve() {
        return NetworkState.of(settings, List.of(board.snapshot()), NOW, (node, now) -> 0.0).observe(task);
    }

    /** A decision's state while telemetry is unchanged: the snapshot, the kept topology, the state on it. */
    @Benchmark
    public Observation reusedThenObserve() {
        List<TelemetrySnapshot> snapshots = List.of(board.snapshot());
        topology = LiveTopology.reuseOrBuild(topology, settings, snapshots, NOW);
        return NetworkState.at(topology, snapshots, NOW, (node, now) -> 0.0).observe(task);
    }
}
