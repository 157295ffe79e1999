package org.ledrl.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ledrl.api.env.EdgeEnvironment;
import org.ledrl.api.env.Slot;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.ledrl.api.model.Topology;
import org.ledrl.sim.internal.Draws;
import org.ledrl.sim.internal.EndedTasks;
import org.ledrl.sim.internal.FailureProcesses;
import org.ledrl.sim.internal.FaultProfile;
import org.ledrl.sim.internal.Network;
import org.ledrl.sim.internal.NodeQueues;
import org.ledrl.sim.internal.SimTime;

/**
 * The collaborative edge simulator: an {@link EdgeEnvironment} over a scenario's network, one agent
 * per node. Create one per scenario ({@code new Simulation(scenario)}; the topology is drawn from the
 * scenario's seed), then {@link #reset(long)} per episode and {@link #step(List)} per slot.
 *
 * <h2>Model</h2>
 * <ul>
 * <li>Tasks arrive at the start of a slot, at most one per up node (Bernoulli), and are decided at once.</li>
 * <li>Transfer is store and forward along the candidate's path; each hop takes {@code size/rate + latency}
 * with the link's rate of the dispatch slot; links carry transfers side by side (no contention). The
 * sending, relaying and receiving nodes and the link must stay up during a hop.</li>
 * <li>Each node runs one task at a time from a FIFO queue in dispatch order, {@code cycles / frequency}
 * each. A node holds at most {@code nodes.queueCapacity} tasks (queued, running or on their way).</li>
 * <li>A task still unfinished at its deadline is abandoned then (it stops using the node).</li>
 * <li>Node hardware and software failures and link failures are Poisson processes; a failure ends
 * every task queued or running on the node (or crossing the link). A down node rejoins at a slot
 * boundary with {@code failures.rejoinProbability} per slot (links likewise), with an empty queue.</li>
 * <li>Execution and transmission failures are per attempt (per execution, per hop). A failed execution
 * ends the task. A failed transfer ends it too, unless {@code failures.transmissionRetries} allows a resend:
 * the sender notices the loss when the hop would have arrived, waits {@code failures.retransmitTimeoutS}
 * and sends again; only the deadline and node or link failures stop it then.</li>
 * <li>With {@link FailureMemory} every rate above is multiplied by its node's or link's factor ({@code FaultProfile};
 * per attempt: the factor when the task is decided), so that some fail more than others, and in bursts.</li>
 * <li>A task that completes in time succeeds when its reliability, {@link Candidate#estimatedReliability},
 * reaches the threshold.</li>
 * <li>Reward: +1 on success, -1 on failure, minus {@code reward.latencyWeight * min(1, latency/deadline)}.</li>
 * </ul>
 * Every random draw is a hash of the episode seed and what it is for (arrival of node i in slot s,
 * the size of task k, the failures of node i), so all policies face the same arrivals and failures,
 * and the same seed gives the same episode bit for bit.
 *
 * <p>The parts: {@code NodeQueues} (queues and executors), {@code FailureProcesses} (failures, recoveries),
 * {@code FaultProfile}, {@code EndedTasks} (ends not yet handed out), in {@code org.ledrl.sim.internal}. Memory is
 * bounded by the tasks in flight; outcomes are handed out once and not kept. Not thread-safe; independent
 * instances run side by side.
 */
public final class Simulation implements EdgeEnvironment {

    private final Scenario scenario;
    private final Network net;
    private final double slotS;
    private final double nodeRate;
    private final double linkRate;
    private final ScenarioDraws draws;
    private final NodeQueues queues;
    private final FailureProcesses failures;
    private final EndedTasks ended;

    private long seed;
    private int slot;
    /** The environment's clock: the start of the current slot, or the end of the drain once done. */
    private double clock;
    private boolean done = true;
    private long nextTaskId;
    private final NodeStatus[] statusCache;
    private final int[] statusSlot;
    private final double[] linkRateNow;
    private final int[] linkRateSlot;

    private List<Observation> current = List.of();
    private final List<EnvironmentEvent> events = new ArrayList<>();

    public Simulation(Scenario scenario) {
        this.scenario = scenario;
        this.net = new Network(scenario);
        this.slotS = scenario.slotSeconds();
        this.nodeRate = scenario.failures().nodeRate();
        this.linkRate = scenario.failures().linkRate();
        this.draws = new ScenarioDraws(scenario, net);
        queues = new NodeQueues(net.nodes, scenario.nodes().queueCapacity());
        failures = new FailureProcesses(net, new FaultProfile(scenario, net), scenario.failures(), slotS);
        // every task ends by its deadline, so no outcome lies further ahead than this
        ended = new EndedTasks(slotS, (int) Math.ceil(scenario.tasks().maxDeadlineS() / slotS) + 2);
        statusCache = new NodeStatus[net.nodes];
        statusSlot = new int[net.nodes];
        linkRateNow = new double[net.links];
        linkRateSlot = new int[net.links];
    }

    public Scenario scenario() {
        return scenario;
    }

    @Override
    public Topology topology() {
        return net.topology;
    }

    @Override
    public Slot reset(long episodeSeed) {
        seed = episodeSeed;
        slot = 0;
        done = false;
        nextTaskId = 0;
        for (int i = 0; i < net.nodes; i++) {
            queues.clear(i, 0);
            statusSlot[i] = -1;
        }
        for (int l = 0; l < net.links; l++) {
            linkRateSlot[l] = -1;
        }
        failures.reset(seed); // and the profile's bursts
        ended.clear();
        events.clear();
        clock = 0;
        current = arrivals(0.0);
        return new Slot(0, 0, current, List.of(), List.of(), false);
    }

    @Override
    public Slot step(List<Decision> decisions) {
        if (done) {
            throw new IllegalStateException("the episode is over (or never started): call reset first");
        }
        if (decisions.size() != current.size()) {
            throw new IllegalArgumentException("step needs one decision per observation: " + current.size()
                    + " observations, " + decisions.size() + " decisions");
        }
        double now = slot * slotS;
        for (int k = 0; k < current.size(); k++) {
            dispatch(current.get(k), decisions.get(k), now);
        }
        List<Outcome> outcomes = new ArrayList<>();
        events.clear();
        failures.advance(now + slotS, queues, events);
        ended.collect(slot, scenario.reward().latencyWeight(), outcomes);
        slot++;
        clock = slot * slotS;
        if (slot < scenario.slots()) {
            current = arrivals(slot * slotS);
            return new Slot(slot, SimTime.millis(slot * slotS), current, outcomes, sortedEvents(), false);
        }
        // the last slot: let every task in flight end, so that each ends within its episode
        current = List.of();
        for (int s = slot; ended.pending() > 0; s++) {
            failures.advance((s + 1) * slotS, queues, events);
            ended.collect(s, scenario.reward().latencyWeight(), outcomes);
            clock = (s + 1) * slotS;
        }
        done = true;
        return new Slot(slot, SimTime.millis(slot * slotS), List.of(), outcomes, sortedEvents(), true);
    }

    /**
     * The centralised critic's view, {@code 5 * nodes + 2 * links} values in [0,1]: per node up, CPU
     * (relative to the fastest), queue wait (relative to the deadline), queue length (relative to the
     * capacity) and recent failures (up to 4); per link up and rate (relative to its maximum).
     */
    @Override
    public float[] globalState() {
        double now = clock;
        double maxCpu = 0;
        for (double cpu : net.cpuGHz) {
            maxCpu = Math.max(maxCpu, cpu);
        }
        float[] state = new float[5 * net.nodes + 2 * net.links];
        double deadline = scenario.tasks().deadlineS();
        for (int i = 0; i < net.nodes; i++) {
            queues.pop(i, now);
            int at = 5 * i;
            boolean up = failures.nodeUp(i);
            state[at] = up ? 1f : 0f;
            state[at + 1] = (float) (net.cpuGHz[i] / maxCpu);
            state[at + 2] = up ? (float) Math.min(1.0, Math.max(0, queues.busyUntil(i) - now) / deadline) : 0f;
            state[at + 3] = (float) queues.size(i) / scenario.nodes().queueCapacity();
            state[at + 4] = Math.min(1f, failures.recentNodeFailures(i, now) / 4f);
        }
        int base = 5 * net.nodes;
        for (int l = 0; l < net.links; l++) {
            state[base + 2 * l] = failures.linkUp(l) ? 1f : 0f;
            state[base + 2 * l + 1] = (float) (rate(l) / net.maxRate[l]);
        }
        return state;
    }

    // ---------------------------------------------------------------- arrivals and observations

    private List<Observation> arrivals(double now) {
        List<Observation> observations = new ArrayList<>();
        long nowMillis = SimTime.millis(now);
        for (int i = 0; i < net.nodes; i++) {
            if (!failures.nodeUp(i) || !draws.arrives(seed, slot, i)) {
                continue;
            }
            Task task = draws.task(seed, nextTaskId++, i, nowMillis);
            observations.add(observe(i, task, now));
        }
        return observations;
    }

    private Observation observe(int origin, Task task, double now) {
        int first = net.candStart[origin];
        int last = net.candStart[origin + 1];
        List<Candidate> candidates = new ArrayList<>(last - first);
        for (int c = first; c < last; c++) {
            int node = net.candNode[c];
            double secondsPerMB = 0;
            double latency = 0;
            boolean up = true;
            int u = origin;
            for (int k = net.pathStart[c]; k < net.pathStart[c + 1]; k++) {
                int l = net.pathLink[k];
                secondsPerMB += 1.0 / rate(l);
                latency += net.latencyS[l];
                u = net.other(l, u);
                up &= failures.linkUp(l) && (u == node || failures.nodeUp(u));
            }
            int hops = net.candHops[c]; // the advertised rates: the scenario's, not the element's factor
            candidates.add(new Candidate(status(node, now), nodeRate, hops, secondsPerMB, latency, linkRate * hops,
                    up));
        }
        return new Observation(origin, SimTime.millis(now), task, candidates, scenario.reliabilityThreshold());
    }

    /** The node's status at the start of the current slot, made once per slot. */
    private NodeStatus status(int node, double now) {
        if (statusSlot[node] != slot) {
            queues.pop(node, now);
            boolean up = failures.nodeUp(node);
            double wait = up ? Math.max(0, queues.busyUntil(node) - now) : 0;
            statusCache[node] = new NodeStatus(node, up ? Health.UP : Health.DOWN, net.cpuGHz[node],
                    Math.min(1.0, wait / slotS), queues.size(node), wait, Double.NaN, Double.NaN, Double.NaN,
                    failures.recentNodeFailures(node, now), SimTime.millis(now));
            statusSlot[node] = slot;
        }
        return statusCache[node];
    }

    /** The link's rate in the current slot: smooth noise between random levels every rateChangeSlots. */
    private double rate(int l) {
        if (linkRateSlot[l] != slot) {
            linkRateNow[l] = draws.linkRateMBps(seed, l, slot);
            linkRateSlot[l] = slot;
        }
        return linkRateNow[l];
    }

    // ---------------------------------------------------------------- dispatch

    private void dispatch(Observation observation, Decision decision, double now) {
        Task task = observation.task();
        int target = decision == null ? -1 : decision.target();
        int index = observation.indexOf(target);
        if (index < 0) {
            end(task, target >= 0 && target < net.nodes ? target : -1, 0, FailureReason.POLICY_ERROR, now, 0);
            return;
        }
        Candidate candidate = observation.candidates().get(index);
        int hops = candidate.hops();
        if (!candidate.available()) {
            end(task, target, hops, FailureReason.NODE_UNREACHABLE, now, 0);
            return;
        }
        queues.pop(target, now);
        if (queues.isFull(target)) {
            end(task, target, hops, FailureReason.QUEUE_FULL, now, 0);
            return;
        }
        double deadline = now + task.deadlineS();
        // transfer, hop by hop; a failed attempt is resent after the timeout while retries are left
        int c = net.candStart[task.origin()] + index;
        double clock = now;
        int u = task.origin();
        double sizeMB = task.sizeMB();
        for (int k = net.pathStart[c], hop = 0; k < net.pathStart[c + 1]; k++, hop++) {
            int l = net.pathLink[k];
            int v = net.other(l, u);
            for (int attempt = 0; ; attempt++) {
                double arrive = clock + sizeMB / rate(l) + net.latencyS[l];
                double linkDown = failures.linkNextFailure(l);
                double nodeDown = Math.min(failures.nodeNextFailure(u), failures.nodeNextFailure(v));
                double first = Math.min(Math.min(linkDown, nodeDown), deadline);
                if (first < arrive) {
                    FailureReason reason = first == linkDown ? FailureReason.LINK_FAILED
                            : first == nodeDown ? FailureReason.NODE_FAILED : FailureReason.DEADLINE_MISSED;
                    end(task, target, hops, reason, Math.max(first, Math.min(clock, deadline)), 0);
                    return;
                }
                double lossRate = failures.profile().transmissionRate(l, now);
                if (!Draws.transmissionFails(seed, task.id(), hop, attempt, lossRate)) {
                    clock = arrive;
                    break;
                }
                if (attempt == scenario.failures().transmissionRetries()) {
                    end(task, target, hops, FailureReason.TRANSMISSION_FAILURE, arrive, 0);
                    return;
                }
                clock = arrive + scenario.failures().retransmitTimeoutS();
            }
            u = v;
        }
        // the FIFO queue of the executor
        double compute = candidate.computeSeconds(task);
        double start = Math.max(clock, queues.busyUntil(target));
        double finish = start + compute;
        double executionFails = Draws.executionFails(seed, task.id(), failures.profile().executionRate(target, now))
                ? start + compute * Draws.executionPoint(seed, task.id()) : Double.POSITIVE_INFINITY;
        double nodeDown = failures.nodeNextFailure(target);
        double endTime = Math.min(Math.min(finish, executionFails), Math.min(deadline, nodeDown));
        FailureReason reason;
        double reliability = 0;
        if (endTime == nodeDown && nodeDown < finish) {
            reason = FailureReason.NODE_FAILED;
            endTime = Math.max(nodeDown, now);
        } else if (endTime == executionFails && executionFails < finish) {
            reason = FailureReason.EXECUTION_FAILURE;
        } else if (endTime == deadline && deadline < finish) {
            reason = FailureReason.DEADLINE_MISSED;
        } else {
            reliability = candidate.estimatedReliability(task);
            reason = reliability >= scenario.reliabilityThreshold() ? FailureReason.NONE
                    : FailureReason.RELIABILITY_BELOW_THRESHOLD;
        }
        if (endTime > start) {
            queues.busyUntil(target, endTime); // the executor is busy until the task ends, however it ends
        }
        queues.add(target, endTime);
        end(task, target, hops, reason, endTime, reliability);
    }

    /** Tasks arrive at the start of the slot they are decided in. */
    private void end(Task task, int executor, int hops, FailureReason reason, double endTime, double reliability) {
        ended.add(task, executor, hops, reason, slot * slotS, endTime, reliability);
    }

    private List<EnvironmentEvent> sortedEvents() {
        if (events.isEmpty()) {
            return List.of();
        }
        List<EnvironmentEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(EnvironmentEvent::timeMillis));
        return sorted;
    }
}
