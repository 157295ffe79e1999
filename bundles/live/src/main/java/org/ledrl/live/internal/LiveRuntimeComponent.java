package org.ledrl.live.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.health.BoundedBuffers;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.api.runtime.DecisionService;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.api.telemetry.TelemetrySource;
import org.ledrl.live.Activity;
import org.ledrl.live.InvalidRequestException;
import org.ledrl.live.LiveDecision;
import org.ledrl.live.LiveNetwork;
import org.ledrl.live.LiveNode;
import org.ledrl.live.LiveRuntime;
import org.ledrl.live.OutcomeReport;
import org.ledrl.live.TaskRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LiveRuntime}: builds each task's observation from the telemetry of every
 * {@link TelemetrySource} (see {@link NetworkState}), decides with the {@link DecisionService},
 * keeps the task until its outcome is reported, and passes decisions and outcomes to every
 * {@link Evaluator} (live metrics, the prior board, the reflective memory). Policy switches go
 * through the runtime bundle's {@code use} command ({@link PolicySwitch}). Everything it keeps is
 * bounded ({@link #buffers}, bundles/live/README.md).
 */
@Component(service = LiveRuntime.class, configurationPid = LiveRuntimeComponent.PID, immediate = true)
@Designate(ocd = LiveRuntimeComponent.Config.class)
public final class LiveRuntimeComponent implements LiveRuntime {

    static final String PID = "org.ledrl.live";
    private static final Logger LOG = LoggerFactory.getLogger(LiveRuntimeComponent.class);
    private static final int BUCKET_SECONDS = 10;

    @ObjectClassDefinition(name = "LeDRL live runtime",
            description = "Places tasks on the live network seen through telemetry. What telemetry cannot tell "
                    + "(this node's id, link capacities, model constants) comes from here.")
    public @interface Config {

        @AttributeDefinition(name = "Local node", description = "Node id of this gateway: where a task without an "
                + "origin arrived. Node ids are small whole numbers, the same as in the telemetry topics.")
        int localNode() default 0;

        @AttributeDefinition(name = "Links", description = "Links with their capacity where telemetry reports none, "
                + "one per entry: a-b:rateMBps or a-b:rateMBps:latencyMs (e.g. 0-1:25:4). A declared link without "
                + "telemetry counts as up while both its ends are up.")
        String[] links() default {};

        @AttributeDefinition(name = "Reference CPU (GHz)", description = "CPU frequency assumed for a node whose "
                + "telemetry does not report one, and the CPU a request's computeSeconds refers to.")
        double referenceCpuGHz() default 3.0;

        @AttributeDefinition(name = "Maximum hops", description = "How many links away a task may be sent (1: "
                + "neighbours only).", min = "1", max = "16")
        int maxHops() default 1;

        @AttributeDefinition(name = "Node failure rate (1/s)", description = "Hardware plus software failure rate "
                + "of a node, per second, for reliability estimates.")
        double nodeFailureRate() default 0.01;

        @AttributeDefinition(name = "Link failure rate (1/s)", description = "Failure rate of a link per second, "
                + "for reliability estimates.")
        double linkFailureRate() default 0.01;

        @AttributeDefinition(name = "Reliability threshold", description = "Reliability a task needs to count as a "
                + "success, in [0,1].")
        double reliabilityThreshold() default 0.9;

        @AttributeDefinition(name = "Stale after (ms)", description = "Status older than this is unknown, never "
                + "healthy, whatever the telemetry source says.", min = "1")
        long staleAfterMillis() default 10_000;

        @AttributeDefinition(name = "Latency weight", description = "Reward of an outcome: +1 success, -1 failure, "
                + "minus this times min(1, latency/deadline).")
        double latencyWeight() default 0.1;

        @AttributeDefinition(name = "Outcome timeout (s)", description = "A decided task whose outcome is not "
                + "reported within this time is forgotten (counted as unreported).", min = "1")
        int outcomeTimeoutSeconds() default 300;

        @AttributeDefinition(name = "Pending tasks", description = "Most decided tasks kept waiting for their "
                + "outcome; the oldest are forgotten first.", min = "1")
        int maxPendingTasks() default 100_000;

        @AttributeDefinition(name = "Activity window (min)", description = "How many minutes of decisions and "
                + "outcomes the console and the status command show, in 10-second buckets.", min = "1", max = "1440")
        int activityMinutes() default 10;

        @AttributeDefinition(name = "Largest node id", description = "Telemetry about node ids above this (or links "
                + "with such an end) is ignored and counted, so that a stray id cannot grow the network. At most "
                + "65535.", min = "0", max = "65535")
        int maxNodeId() default 4095;

        @AttributeDefinition(name = "Nodes", description = "The node ids the network may hold, e.g. 0,1,2,8-11 "
                + "(ids and ranges); telemetry of any other id (or a link with such an end) is ignored and counted. "
                + "Empty: every id from 0 to the largest node id.")
        String[] nodes() default {};

        @AttributeDefinition(name = "Links", description = "Most links the network takes: configured ones first, "
                + "then measured ones by their end points; the rest is ignored and counted.", min = "1")
        int maxLinks() default 16_384;

        @AttributeDefinition(name = "Slot buffer", description = "Most tasks, and most outcomes, kept between two "
                + "steps for a caller that works slot by slot, while one is attached; the oldest go first.",
                min = "1")
        int slotBufferSize() default 10_000;
    }


    private final DecisionService decisions;
    private final PolicyRegistry registry;
    private final LongSupplier clock;
    private final List<TelemetrySource> sources = new CopyOnWriteArrayList<>();
    private final Evaluators evaluators = new Evaluators();
    private final PolicySwitch policySwitch;
    private final LiveBuffers buffers = new LiveBuffers();
    private final AtomicReference<PriorBoard> priors = new AtomicReference<>(PriorBoard.NONE);
    private final AtomicLong taskIds = new AtomicLong();

    private volatile NetworkSettings settings;
    private volatile BufferSettings bounds;
    private volatile PendingTasks pending;
    private volatile ActivityLog activity;
    private volatile LiveEnvironment environment;
    private volatile LiveTopology topology; // reused by the next state while it holds

    @Activate
    public LiveRuntimeComponent(@Reference DecisionService decisions, @Reference PolicyRegistry registry,
                                Config config) {
        this(decisions, registry, config, System::currentTimeMillis);
    }

    LiveRuntimeComponent(DecisionService decisions, PolicyRegistry registry, Config config, LongSupplier clock) {
        this.decisions = decisions;
        this.registry = registry;
        this.clock = clock;
        this.policySwitch = new PolicySwitch(registry);
        configure(config);
    }

    /**
     * Takes a configuration. A bad one fails activation with a message naming the key; on a change,
     * it is refused and the running settings are kept. Pending tasks and the activity window survive
     * a change unless their own size changes.
     */
    @Modified
    synchronized void configure(Config config) {
        NetworkSettings next;
        BufferSettings nextBounds;
        try {
            next = NetworkSettings.of(config);
            nextBounds = BufferSettings.of(config);
        } catch (IllegalArgumentException e) {
            if (settings == null) {
                throw e;
            }
            LOG.error("Configuration {} refused, the live runtime keeps running on its last good configuration: {}",
                    PID, e.getMessage().startsWith(PID + ": ") ? e.getMessage().substring(PID.length() + 2)
                            : e.getMessage());
            return;
        }
        BufferSettings before = bounds;
        settings = next;
        bounds = nextBounds;
        if (before == null || before.maxPendingTasks() != nextBounds.maxPendingTasks()
                || before.outcomeTimeoutMillis() != nextBounds.outcomeTimeoutMillis()) {
            pending = new PendingTasks(nextBounds.maxPendingTasks(), nextBounds.outcomeTimeoutMillis());
        }
        if (before == null || before.activityMinutes() != nextBounds.activityMinutes()) {
            activity = new ActivityLog(BUCKET_SECONDS, nextBounds.activityMinutes());
        }
        if (before == null || before.slotBufferSize() != nextBounds.slotBufferSize()) {
            environment = new LiveEnvironment(this::state, (task, decision) -> { }, nextBounds.slotBufferSize());
        }
        LOG.info("Live runtime: local node {}, {} configured links, up to {} hops", next.localNode(),
                next.links().size(), next.maxHops());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSource")
    void addSource(TelemetrySource source) {
        sources.add(source);
    }

    void removeSource(TelemetrySource source) {
        sources.remove(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeEvaluator")
    void addEvaluator(Evaluator evaluator) {
        evaluators.add(evaluator);
    }

    void removeEvaluator(Evaluator evaluator) {
        evaluators.remove(evaluator);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeCommand")
    void addCommand(CliCommand command) {
        policySwitch.add(command);
    }

    void removeCommand(CliCommand command) {
        policySwitch.remove(command);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeBuffers")
    void addBuffers(BoundedBuffers service) {
        buffers.add(service);
    }

    void removeBuffers(BoundedBuffers service) {
        buffers.remove(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetPriorBoard")
    void setPriorBoard(PriorBoard board) {
        priors.set(board);
    }

    void unsetPriorBoard(PriorBoard board) {
        priors.compareAndSet(board, PriorBoard.NONE);
    }

    /** The network now, from every source's latest snapshot. */
    NetworkState state() {
        List<TelemetrySnapshot> snapshots = new ArrayList<>(sources.size());
        for (TelemetrySource source : sources) {
            try {
                snapshots.add(source.snapshot());
            } catch (RuntimeException e) {
                LOG.debug("Telemetry source {} failed; deciding without it", source, e);
            }
        }
        PendingTasks tasks = pending;
        long now = clock.getAsLong();
        LiveTopology latest = LiveTopology.reuseOrBuild(topology, settings, snapshots, now);
        topology = latest;
        return NetworkState.at(latest, snapshots, now, tasks::queueSeconds);
    }

    /** The live environment, for callers that work slot by slot. */
    LiveEnvironment environment() {
        return environment;
    }

    @Override
    public LiveDecision decide(TaskRequest request) throws InvalidRequestException {
        NetworkSettings current = settings;
        NetworkState state = state();
        int origin = request.origin() == TaskRequest.LOCAL_ORIGIN ? current.localNode() : request.origin();
        if (!state.knows(origin)) {
            throw new InvalidRequestException("origin", "node " + origin + " is not in the network; known nodes: "
                    + knownNodes(state));
        }
        long now = state.now();
        Task task = new Task(taskIds.incrementAndGet(), origin, now, request.sizeKB(),
                request.cyclesPerBit(current.referenceCpuGHz()), request.deadlineS(), request.type());
        Observation observation = state.observe(task);

        long start = System.nanoTime();
        Decision decision = decisions.decide(observation);
        long nanos = System.nanoTime() - start;

        int index = Math.max(0, observation.indexOf(decision.target()));
        Candidate chosen = observation.candidates().get(index);
        pending.add(new PendingTasks.Pending(task, chosen.node(), chosen.hops(), chosen.computeSeconds(task),
                chosen.estimatedReliability(task), now), now);
        activity.decision(now, nanos);
        evaluators.decided(observation, decision, nanos);
        return new LiveDecision(request.requestId(), task.id(), origin, chosen.node(), decision.policy(),
                scores(observation, decision), nanos / 1e3, now);
    }

    private static List<LiveDecision.CandidateScore> scores(Observation observation, Decision decision) {
        double[] scores = decision.scores();
        if (scores == null || scores.length != observation.candidates().size()) {
            return List.of();
        }
        List<LiveDecision.CandidateScore> list = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            list.add(new LiveDecision.CandidateScore(observation.candidates().get(i).node(), scores[i]));
        }
        return list;
    }

    @Override
    public void report(OutcomeReport report) throws InvalidRequestException {
        long now = clock.getAsLong();
        PendingTasks tasks = pending;
        PendingTasks.Pending decided = tasks.peek(report.taskId(), now).orElseThrow(() -> new InvalidRequestException(
                "taskId", "task " + report.taskId() + " is not waiting for an outcome: unknown, already reported, or "
                + "decided more than " + bounds.outcomeTimeoutMillis() / 1000 + " s ago"));
        int executor = report.executor() == OutcomeReport.DECIDED_TARGET ? decided.target() : report.executor();
        NetworkState state = state();
        if (!state.knows(executor)) {
            throw new InvalidRequestException("executor", "node " + executor + " is not in the network; known nodes: "
                    + knownNodes(state));
        }
        if (tasks.take(report.taskId(), now).isEmpty()) {
            throw new InvalidRequestException("taskId", "task " + report.taskId() + " was reported meanwhile");
        }
        Task task = decided.task();
        double latency = report.latencyS();
        double reward = (report.failure().isSuccess() ? 1.0 : -1.0)
                - settings.latencyWeight() * Math.min(1.0, latency / task.deadlineS());
        Outcome outcome = new Outcome(task, executor, executor == decided.target() ? decided.hops() : -1,
                report.failure(), latency, decided.reliability(), now, reward);
        activity.outcome(now, outcome);
        environment.complete(outcome); // kept only while a slot-by-slot caller is attached
        decisions.outcome(outcome);
        evaluators.ended(outcome);
    }

    private static String knownNodes(NetworkState state) {
        return String.join(", ", state.nodes().stream().map(s -> String.valueOf(s.node())).toList());
    }

    @Override
    public LiveNetwork network() {
        NetworkState state = state();
        PriorBoard board = priors.get();
        int local = settings.localNode();
        List<LiveNode> nodes = new ArrayList<>();
        for (NodeStatus status : state.nodes()) {
            StrategyPrior prior;
            try {
                prior = board.latest(status.node());
            } catch (RuntimeException e) {
                prior = StrategyPrior.none(status.node());
            }
            nodes.add(new LiveNode(status, state.isStale(status.node()), status.node() == local,
                    state.neighbours(status.node()), prior));
        }
        return new LiveNetwork(local, nodes, List.copyOf(state.links()), state.now());
    }

    @Override
    public List<String> policies() {
        return registry.names();
    }

    @Override
    public String activePolicy() {
        return decisions.activePolicy();
    }

    @Override
    public String activePolicyReason() {
        return decisions.activePolicyReason();
    }

    @Override
    public void usePolicy(String policy) throws InvalidRequestException {
        policySwitch.use(policy);
    }

    @Override
    public Activity activity() {
        return activity.snapshot(clock.getAsLong(), pending.expired());
    }

    @Override
    public List<BufferStatus> buffers() {
        return buffers.gather(pending, environment, activity, state());
    }
}
