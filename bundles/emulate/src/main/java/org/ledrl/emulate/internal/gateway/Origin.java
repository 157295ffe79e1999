package org.ledrl.emulate.internal.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Task;
import org.ledrl.emulate.internal.link.LinkEmulator;
import org.ledrl.live.InvalidRequestException;
import org.ledrl.live.LiveDecision;
import org.ledrl.live.LiveNode;
import org.ledrl.live.LiveRuntime;
import org.ledrl.live.OutcomeReport;
import org.ledrl.live.TaskRequest;
import org.ledrl.sim.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as the origin of tasks: at each slot it draws its arrival as the simulator does, decides with
 * the live runtime, and keeps the task at home or sends it over the emulated link to the chosen neighbour;
 * then judges how it ended, as the simulator judges (deadline, reliability threshold, typed failure), reports
 * the outcome to the live runtime (its evaluators, the reflective memory) and writes it to the journal.
 * Every task it decided ends exactly once: by its result, by its loss on the link, or, when no result has
 * come {@code graceMillis} after its deadline, as {@code NODE_FAILED} (executor known down then) or
 * {@code DEADLINE_MISSED}. At most {@value #MAX_PENDING} tasks wait for their end; a task beyond that is not
 * sent, ends {@code QUEUE_FULL} and is counted.
 */
final class Origin {

    static final int MAX_PENDING = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(Origin.class);

    private record Pending(Task task, long liveTaskId, int target, int hops, long arrivalMillis, long deadlineAtMillis,
                           double secondsPerMB, double latencyS, long[] publishedAtMillis) {
    }

    private final GatewaySettings settings;
    private final LiveRuntime live;
    private final GatewayMqtt mqtt;
    private final NodeExecutor executor;
    private final LinkEmulator links;
    private final Journal journal;
    private final ScheduledExecutorService timer;
    private final TaskIds ids;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile long startMillis = -1;
    private int lastSlot = -1; // timer thread only

    Origin(GatewaySettings settings, LiveRuntime live, GatewayMqtt mqtt, NodeExecutor executor, LinkEmulator links,
           Journal journal, ScheduledExecutorService timer) {
        this.settings = settings;
        this.live = live;
        this.mqtt = mqtt;
        this.executor = executor;
        this.links = links;
        this.journal = journal;
        this.timer = timer;
        this.ids = new TaskIds(settings.draws(), settings.episodeSeed());
    }

    /** The run's start (epoch ms), from the start message; the first one counts. */
    void start(long epochMillis) {
        if (startMillis < 0) {
            startMillis = epochMillis;
            LOG.info("Emulated gateway {}: the run started at {}", settings.node(), epochMillis);
        }
    }

    long startMillis() {
        return startMillis;
    }

    int pending() {
        return pending.size();
    }

    /** Called often by the timer: the current slot's arrival, and the tasks whose result is overdue. */
    void tick() {
        long now = System.currentTimeMillis();
        if (startMillis >= 0 && now >= startMillis) {
            int slot = (int) ((now - startMillis) / settings.slotMillis());
            // a slot missed (the process was stopped) brings no task afterwards: a down node has no arrivals
            if (slot > lastSlot && slot < settings.slots()) {
                lastSlot = slot;
                if (settings.draws().arrives(settings.episodeSeed(), slot, settings.node())) {
                    arrive(slot, now);
                }
            }
        }
        for (Pending p : pending.values()) {
            if (now > p.deadlineAtMillis() + settings.graceMillis()) {
                boolean down = p.target() != settings.node() && !up(p.target());
                end(p, down ? FailureReason.NODE_FAILED : FailureReason.DEADLINE_MISSED, p.target(), now, 0, -1);
            }
        }
    }

    private void arrive(int slot, long now) {
        Task task = settings.draws().task(settings.episodeSeed(), ids.id(slot, settings.node()), settings.node(),
                now - startMillis);
        LiveDecision decision;
        try {
            decision = live.decide(new TaskRequest("", TaskRequest.LOCAL_ORIGIN, task.sizeKB(), task.cyclesPerBit(),
                    Double.NaN, task.deadlineS(), task.type()));
        } catch (InvalidRequestException | RuntimeException e) {
            LOG.warn("Emulated gateway {}: deciding task {} failed: {}", settings.node(), task.id(), e.getMessage());
            journal.write("task", "id", task.id(), "origin", settings.node(), "slot", slot, "target", -1);
            journal.write("end", "id", task.id(), "executor", -1, "failure", FailureReason.POLICY_ERROR.name(),
                    "latencyS", 0.0, "reliability", 0.0, "hops", 0);
            return;
        }
        int target = decision.target();
        boolean home = target == settings.node();
        int link = home ? -1 : links.link(settings.node(), target);
        journal.write("task", "id", task.id(), "origin", settings.node(), "slot", slot, "type", task.type(),
                "sizeKB", task.sizeKB(), "cyclesPerBit", task.cyclesPerBit(), "deadlineS", task.deadlineS(),
                "target", target, "policy", decision.policy(), "decisionUs", decision.decisionMicros(),
                "targetUp", home || up(target));
        double rate = link < 0 ? Double.POSITIVE_INFINITY
                : settings.draws().linkRateMBps(settings.episodeSeed(), link, slot);
        double latencyS = link < 0 ? 0 : settings.draws().topology().links().get(link).latencyMs() / 1000.0;
        long deadlineAt = now + Math.round(task.deadlineS() * settings.msPerSecond());
        Pending p = new Pending(task, decision.taskId(), target, home ? 0 : 1, now, deadlineAt,
                link < 0 ? 0 : 1.0 / rate, latencyS, new long[] {-1});
        if (pending.size() >= MAX_PENDING) {
            refused.incrementAndGet();
            journal.write("end", "id", task.id(), "executor", target, "failure", FailureReason.QUEUE_FULL.name(),
                    "latencyS", 0.0, "reliability", 0.0, "hops", p.hops());
            report(p, FailureReason.QUEUE_FULL, target, 0);
            return;
        }
        pending.put(task.id(), p);
        if (!home && (link < 0 || !up(target))) {
            end(p, FailureReason.NODE_UNREACHABLE, target, now, 0, -1); // the policy chose what it could not
            return;
        }
        TaskMessages.TaskMessage message = new TaskMessages.TaskMessage(task.id(), settings.node(), task.cycles(),
                task.sizeKB(), deadlineAt, settings.draws().executionFails(settings.episodeSeed(), task.id())
                ? settings.draws().executionPoint(settings.episodeSeed(), task.id()) : -1);
        if (home) {
            accept(message, now);
            return;
        }
        LinkEmulator.Transfer transfer = links.transfer(settings.node(), target, task.id(), task.sizeKB(), slot,
                now - startMillis, settings.msPerSecond());
        long arriveAt = now + Math.round(transfer.seconds() * settings.msPerSecond());
        if (arriveAt >= deadlineAt) {
            timer.schedule(() -> end(p, FailureReason.DEADLINE_MISSED, target, System.currentTimeMillis(), 0, -1),
                    deadlineAt - now, TimeUnit.MILLISECONDS);
        } else if (!transfer.arrives()) {
            timer.schedule(() -> end(p, transfer.loss(), target, System.currentTimeMillis(), 0, -1),
                    arriveAt - now, TimeUnit.MILLISECONDS);
        } else {
            timer.schedule(() -> send(p, message), arriveAt - now, TimeUnit.MILLISECONDS);
        }
    }

    private void send(Pending p, TaskMessages.TaskMessage message) {
        try {
            p.publishedAtMillis()[0] = System.currentTimeMillis();
            mqtt.publish(mqtt.taskTopic(p.target()), TaskMessages.encode(message));
        } catch (java.io.IOException e) {
            LOG.warn("Emulated gateway {}: task {} cannot be encoded: {}", settings.node(), message.taskId(), e.toString());
        }
    }

    /** A task for this node (its own or a neighbour's): into the executor, the result back to its origin. */
    void accept(TaskMessages.TaskMessage task, long receivedAt) {
        NodeExecutor.Job job = new NodeExecutor.Job(task, receivedAt, (failure, heldMillis) -> reply(task, failure,
                heldMillis));
        if (!executor.submit(job)) {
            reply(task, FailureReason.QUEUE_FULL, 0L);
        }
    }

    private void reply(TaskMessages.TaskMessage task, FailureReason failure, long heldMillis) {
        TaskMessages.ResultMessage result = new TaskMessages.ResultMessage(task.taskId(), settings.node(),
                failure.name(), heldMillis);
        if (task.origin() == settings.node()) {
            result(result);
            return;
        }
        try {
            mqtt.publish(mqtt.resultTopic(task.origin()), TaskMessages.encode(result));
        } catch (java.io.IOException e) {
            LOG.warn("Emulated gateway {}: result of {} cannot be encoded: {}", settings.node(), task.taskId(),
                    e.toString());
        }
    }

    /** A result for a task of this gateway. One for a task it no longer waits for (ended, or of an earlier run) is ignored. */
    void result(TaskMessages.ResultMessage result) {
        Pending p = pending.get(result.taskId());
        if (p == null) {
            journal.write("late", "id", result.taskId(), "executor", result.executor());
            return;
        }
        long now = System.currentTimeMillis();
        long rtt = p.publishedAtMillis()[0] < 0 ? -1 : now - p.publishedAtMillis()[0] - result.heldMillis();
        FailureReason failure;
        try {
            failure = FailureReason.valueOf(result.failure());
        } catch (IllegalArgumentException e) {
            failure = FailureReason.EXECUTION_FAILURE;
        }
        double reliability = 0;
        if (failure == FailureReason.NONE) {
            if (now > p.deadlineAtMillis()) {
                failure = FailureReason.DEADLINE_MISSED;
            } else {
                reliability = reliability(p, result.executor());
                failure = reliability >= settings.draws().scenario().reliabilityThreshold() ? FailureReason.NONE
                        : FailureReason.RELIABILITY_BELOW_THRESHOLD;
            }
        }
        end(p, failure, result.executor(), now, reliability, rtt);
    }

    /** The simulator's reliability of the run: {@link Candidate#estimatedReliability} of the executor and the path. */
    private double reliability(Pending p, int executorNode) {
        Scenario.Failures rates = settings.draws().scenario().failures();
        double cpu = settings.draws().topology().nodes().get(executorNode).cpuGHz();
        NodeStatus status = new NodeStatus(executorNode, Health.UP, cpu, Double.NaN, 0, 0, Double.NaN, Double.NaN,
                Double.NaN, 0, 0);
        return new Candidate(status, rates.nodeRate(), p.hops(), p.secondsPerMB(), p.hops() * p.latencyS(),
                rates.linkRate() * p.hops(), true).estimatedReliability(p.task());
    }

    private void end(Pending p, FailureReason failure, int executorNode, long now, double reliability, long rttMillis) {
        if (pending.remove(p.task().id()) == null) {
            return; // ended already
        }
        double latencyS = (now - p.arrivalMillis()) / settings.msPerSecond();
        journal.write("end", "id", p.task().id(), "executor", executorNode, "failure", failure.name(), "latencyS",
                latencyS, "reliability", reliability, "hops", p.hops(), "mqttRttMs", rttMillis);
        report(p, failure, executorNode, latencyS);
    }

    private void report(Pending p, FailureReason failure, int executorNode, double latencyS) {
        try {
            live.report(new OutcomeReport("", p.liveTaskId(), executorNode, failure, latencyS));
        } catch (InvalidRequestException | RuntimeException e) {
            LOG.debug("Emulated gateway {}: outcome of task {} not taken: {}", settings.node(), p.task().id(),
                    e.getMessage());
        }
    }

    /** Whether this gateway's network shows {@code node} up now. */
    boolean up(int node) {
        for (LiveNode n : live.network().nodes()) {
            if (n.id() == node) {
                return n.status().health() == Health.UP && !n.stale();
            }
        }
        return false;
    }

    long refused() {
        return refused.get();
    }
}
