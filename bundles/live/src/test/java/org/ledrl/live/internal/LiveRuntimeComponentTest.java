package org.ledrl.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ledrl.live.internal.Statuses.link;
import static org.ledrl.live.internal.Statuses.node;
import static org.ledrl.live.internal.Statuses.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.runtime.DecisionService;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.live.Activity;
import org.ledrl.live.InvalidRequestException;
import org.ledrl.live.LiveDecision;
import org.ledrl.live.LiveNetwork;
import org.ledrl.live.OutcomeReport;
import org.ledrl.live.TaskRequest;
import org.ledrl.telemetry.TestConfigs;

class LiveRuntimeComponentTest {

    /** Decides like the greedy policy: the available candidate with the earliest estimated finish. */
    private static final class EarliestFinish implements DecisionService {
        volatile String name = "earliest";

        @Override
        public Decision decide(Observation observation) {
            Candidate best = observation.self();
            for (Candidate c : observation.candidates()) {
                if (c.available() && c.estimatedLatency(observation.task()) < best.estimatedLatency(observation.task())) {
                    best = c;
                }
            }
            return Decision.of(best.node(), name);
        }

        @Override
        public String activePolicy() {
            return name;
        }
    }

    private static final class Recorder implements Evaluator {
        final List<Observation> decided = new ArrayList<>();
        final List<Outcome> outcomes = new ArrayList<>();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void onDecision(Observation observation, Decision decision, long decisionNanos) {
            decided.add(observation);
        }

        @Override
        public void onOutcome(Outcome outcome) {
            outcomes.add(outcome);
        }
    }

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Statuses.Source source = new Statuses.Source();
    private final EarliestFinish decisions = new EarliestFinish();
    private final Recorder recorder = new Recorder();
    private final List<String> installed = new ArrayList<>(List.of("earliest", "local"));
    private LiveRuntimeComponent runtime;

    @BeforeEach
    void setUp() {
        PolicyRegistry registry = new PolicyRegistry() {
            @Override
            public List<String> names() {
                return List.copyOf(installed);
            }

            @Override
            public Optional<OffloadingPolicy> find(String name) {
                return Optional.empty();
            }
        };
        runtime = new LiveRuntimeComponent(decisions, registry, TestConfigs.of(LiveRuntimeComponent.Config.class,
                Map.of("localNode", 0, "links", new String[] {"0-2:5"})), clock::get);
        runtime.addSource(source);
        runtime.addEvaluator(recorder);
        long now = clock.get();
        // node 0 is busy (3 s queue), node 1 is idle behind a fast link, node 2 idle behind a slow configured one
        source.snapshot = snapshot(List.of(node(0, Health.UP, 3.0, 3.0, now), node(1, Health.UP, 3.0, 0.0, now),
                node(2, Health.UP, 3.0, Double.NaN, now)), List.of(link(0, 1, Health.UP, 50, now)), now);
    }

    private static TaskRequest request(int origin) {
        return new TaskRequest("r", origin, 300, 1000, Double.NaN, 4, "video");
    }

    @Test
    void decidesOnTheNetworkTelemetryShowsAndFeedsTheEvaluators() throws Exception {
        LiveDecision decision = runtime.decide(request(TaskRequest.LOCAL_ORIGIN));
        assertEquals(0, decision.origin(), "no origin: this gateway's node");
        assertEquals(1, decision.target(), "the idle neighbour on the fast link finishes first");
        assertEquals("earliest", decision.policy());
        assertEquals("r", decision.requestId());
        assertEquals(1, recorder.decided.size());
        assertEquals(List.of(0, 1, 2), recorder.decided.get(0).candidates().stream().map(Candidate::node).toList());
        assertTrue(decision.decisionMicros() >= 0);
    }

    @Test
    void theRuntimeCountsItsOwnTasksInTheQueueWaitTelemetryCannotTell() throws Exception {
        // node 2 reports no queue wait: each task sent there adds its compute time (0.8 s) to the estimate
        source.snapshot = snapshot(List.of(node(0, Health.UP, 3.0, 3.0, clock.get()),
                node(2, Health.UP, 3.0, Double.NaN, clock.get())), List.of(), clock.get());
        assertEquals(2, runtime.decide(request(0)).target());
        assertEquals(0.8, runtime.network().nodes().get(1).status().queueSeconds(), 1e-9);
        for (int i = 0; i < 3; i++) {
            runtime.decide(request(0));
        }
        assertEquals(0, runtime.decide(request(0)).target(), "once node 2's backlog passes node 0's queue, stay");
    }

    @Test
    void outcomesReachTheEvaluatorsOnceWithTheirTask() throws Exception {
        LiveDecision decision = runtime.decide(request(0));
        clock.addAndGet(1500);
        runtime.report(new OutcomeReport("", decision.taskId(), OutcomeReport.DECIDED_TARGET, FailureReason.NONE, 1.5));
        Outcome outcome = recorder.outcomes.get(0);
        assertEquals(decision.taskId(), outcome.task().id());
        assertEquals(decision.target(), outcome.executor());
        assertTrue(outcome.success());
        assertEquals(1.0 - 0.1 * 1.5 / 4, outcome.reward(), 1e-9);
        InvalidRequestException again = assertThrows(InvalidRequestException.class, () -> runtime.report(
                new OutcomeReport("", decision.taskId(), OutcomeReport.DECIDED_TARGET, FailureReason.NONE, 1.5)));
        assertEquals("taskId", again.field());
        Activity activity = runtime.activity();
        assertEquals(1, activity.outcomes());
        assertEquals(1.0, activity.successRate());
    }

    @Test
    void refusesUnknownNodesAndKeepsTheTaskWaiting() throws Exception {
        assertEquals("origin", assertThrows(InvalidRequestException.class, () -> runtime.decide(request(9))).field());
        LiveDecision decision = runtime.decide(request(0));
        assertEquals("executor", assertThrows(InvalidRequestException.class, () -> runtime.report(
                new OutcomeReport("", decision.taskId(), 9, FailureReason.NODE_FAILED, 1))).field());
        runtime.report(new OutcomeReport("", decision.taskId(), 2, FailureReason.NODE_FAILED, 1));
        assertEquals(FailureReason.NODE_FAILED, runtime.activity().failures().get(0).reason());
    }

    @Test
    void showsTheNetworkWithStaleNodesMarked() {
        clock.addAndGet(60_000);
        LiveNetwork network = runtime.network();
        assertEquals(3, network.nodes().size());
        assertTrue(network.nodes().stream().allMatch(n -> n.stale() && n.status().health() == Health.UNKNOWN));
        assertTrue(network.nodes().get(0).local());
        assertFalse(network.nodes().get(1).local());
    }

    @Test
    void switchesPolicyThroughTheUseCommand() throws Exception {
        List<List<String>> runs = new ArrayList<>();
        runtime.addCommand(new CliCommand() {
            @Override
            public String name() {
                return "use";
            }

            @Override
            public String summary() {
                return "";
            }

            @Override
            public String usage() {
                return "";
            }

            @Override
            public int run(List<String> args, CommandContext context) {
                runs.add(args);
                if (args.get(0).equals("local")) {
                    decisions.name = "local";
                    return 0;
                }
                context.err().println("still deciding with 'earliest'");
                return 1;
            }
        });
        runtime.usePolicy("local");
        assertEquals(List.of(List.of("local")), runs);
        assertEquals("local", runtime.activePolicy());
        assertEquals("name", assertThrows(InvalidRequestException.class, () -> runtime.usePolicy("ledrl")).field());
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> runtime.usePolicy("earliest"));
        assertTrue(failed.getMessage().contains("still deciding"), failed.getMessage());
    }

    @Test
    void commandsPrintTheNetworkAndTheStatus() throws Exception {
        runtime.decide(request(0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandContext context = new CommandContext(out, out, false, Path.of(""));
        assertEquals(0, new NodesCommand(runtime).run(List.of(), context));
        assertEquals(0, new StatusCommand(runtime, null).run(List.of(), context));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("0-2") && text.contains("configuration"), text);
        assertTrue(text.contains("Policy: earliest"), text);
        assertTrue(text.contains("1 decisions"), text);
    }

    @Test
    void reportedOutcomesAreNotKeptForAStepNobodyCallsAndEveryBufferStaysWithinItsBound() throws Exception {
        runtime = new LiveRuntimeComponent(decisions, new PolicyRegistry() {
            @Override
            public List<String> names() {
                return List.of("earliest");
            }

            @Override
            public Optional<OffloadingPolicy> find(String name) {
                return Optional.empty();
            }
        }, TestConfigs.of(LiveRuntimeComponent.Config.class, Map.of("links", new String[] {"0-1:25", "0-2:5"},
                "maxPendingTasks", 2_000)), clock::get);
        runtime.addSource(source);
        runtime.addBuffers(() -> List.of(new BufferStatus("other.bundle", 3, 10, 1)));
        int decided = 100_000;
        long reported = 0;
        for (int i = 0; i < decided; i++) {
            clock.addAndGet(1);
            LiveDecision decision = runtime.decide(request(0));
            if (i % 10 < 7) { // 70% reported, the rest never
                runtime.report(new OutcomeReport("", decision.taskId(), OutcomeReport.DECIDED_TARGET,
                        FailureReason.NONE, 0.5));
                reported++;
            }
        }
        Map<String, BufferStatus> buffers = new java.util.TreeMap<>();
        runtime.buffers().forEach(b -> buffers.put(b.name(), b));
        assertTrue(buffers.values().stream().allMatch(BufferStatus::withinBound), buffers.toString());
        assertEquals(0, buffers.get("live.slot-outcomes").size(), "no slot-by-slot caller: no outcome kept for one");
        assertFalse(runtime.environment().attached());
        BufferStatus pendingTasks = buffers.get("live.pending-tasks");
        assertEquals(2_000, pendingTasks.size());
        assertEquals(decided - reported - pendingTasks.size(), pendingTasks.dropped(), "the unreported, counted");
        assertEquals(pendingTasks.dropped(), runtime.activity().unreported());
        assertEquals(new BufferStatus("other.bundle", 3, 10, 1), buffers.get("other.bundle"));
        assertTrue(buffers.containsKey("live.recent-failures") && buffers.containsKey("live.network-nodes"), buffers.keySet().toString());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(0, new StatusCommand(runtime, null).run(List.of(), new CommandContext(out, out, false, Path.of(""))));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Bounded buffers:"), text);
        assertTrue(text.matches("(?s).*live\\.pending-tasks\\s+2000\\s+2000\\s+" + pendingTasks.dropped() + "\\R.*"), text);
    }
}
