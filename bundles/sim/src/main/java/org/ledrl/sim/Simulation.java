package org.ledrl.sim;

import static org.ledrl.sim.internal.Draws.ARRIVAL;
import static org.ledrl.sim.internal.Draws.LINK_RATE;
import static org.ledrl.sim.internal.Draws.LINK_STREAM;
import static org.ledrl.sim.internal.Draws.NODE_STREAM;
import static org.ledrl.sim.internal.Draws.TASK_CYCLES;
import static org.ledrl.sim.internal.Draws.TASK_SIZE;
import static org.ledrl.sim.internal.Draws.TASK_TYPE;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.ledrl.sim.internal.Mix;
import org.ledrl.sim.internal.Network;

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
 * <li>A task that completes in time succeeds when its reliability, {@link Candidate#estimatedReliability},
 * reaches the threshold.</li>
 * <li>Reward: +1 on success, -1 on failure, minus {@code reward.latencyWeight * min(1, latency/deadline)}.</li>
 * </ul>
 * Every random draw is a hash of the episode seed and what it is for (arrival of node i in slot s,
 * the size of task k, the failures of node i), so all policies face the same arrivals and failures,
 * and the same seed gives the same episode bit for bit.
 *
 * <p>Memory is bounded by the tasks in flight; outcomes are handed out once and not kept. Not
 * thread-safe; independent instances run side by side.
 */
public final class Simulation implements EdgeEnvironment {

    /** How far back "recent failures" look, in slots. */
    private static final int RECENT_SLOTS = 20;
    private static final int RECENT_KEPT = 8;

    private final Scenario scenario;
    private final Network net;
    private final double slotS;
    private final int capacity;
    private final double nodeRate;
    private final double hardwareShare;
    private final double linkRate;
    private final double[] typeCumulativeWeight;
    private final String[] typeNames;
    private final int horizonSlots;

    // episode state: nodes
    private long seed;
    private int slot;
    /** The environment's clock: the start of the current slot, or the end of the drain once done. */
    private double clock;
    private boolean done = true;
    private long nextTaskId;
    private final boolean[] nodeUp;
    private final double[] nodeNextFailure;
    private final boolean[] nodeNextHardware;
    private final double[] nodeRejoin;
    private final long[] nodeStream;
    private final double[] busyUntil;
    private final double[] queueEnds;
    private final int[] queueHead;
    private final int[] queueSize;
    private final double[] nodeRecent;
    private final int[] nodeRecentCount;
    private final NodeStatus[] statusCache;
    private final int[] statusSlot;
    // links
    private final boolean[] linkUp;
    private final double[] linkNextFailure;
    private final double[] linkRestore;
    private final long[] linkStream;
    private final double[] linkRateNow;
    private final int[] linkRateSlot;
    private final double[] linkRecent;
    private final int[] linkRecentCount;
    // tasks in flight: a pool of records and a calendar of end slots
    private Task[] pTask = new Task[64];
    private int[] pExecutor = new int[64];
    private int[] pHops = new int[64];
    private FailureReason[] pReason = new FailureReason[64];
    private double[] pArrival = new double[64];
    private double[] pEnd = new double[64];
    private double[] pReliability = new double[64];
    private int[] free = new int[64];
    private int freeCount;
    private int poolSize;
    private int pending;
    private final int[][] calendar;
    private final int[] calendarSize;
    // the slot being decided
    private List<Observation> current = List.of();
    private final List<EnvironmentEvent> events = new ArrayList<>();

    public Simulation(Scenario scenario) {
        this.scenario = scenario;
        this.net = new Network(scenario);
        this.slotS = scenario.slotSeconds();
        this.capacity = scenario.nodes().queueCapacity();
        this.nodeRate = scenario.failures().nodeRate();
        this.hardwareShare = nodeRate > 0 ? scenario.failures().nodeHardwareRate() / nodeRate : 0.5;
        this.linkRate = scenario.failures().linkRate();
        List<TaskType> types = scenario.tasks().types();
        typeCumulativeWeight = new double[types.size()];
        typeNames = new String[types.size()];
        double total = 0;
        for (TaskType type : types) {
            total += type.weight();
        }
        double sum = 0;
        for (int i = 0; i < types.size(); i++) {
            sum += types.get(i).weight();
            typeCumulativeWeight[i] = sum / total;
            typeNames[i] = types.get(i).name();
        }
        typeCumulativeWeight[types.size() - 1] = 1.0;
        // every task ends by its deadline, so no outcome lies further ahead than this
        horizonSlots = (int) Math.ceil(scenario.tasks().maxDeadlineS() / slotS) + 2;
        calendar = new int[horizonSlots][16];
        calendarSize = new int[horizonSlots];

        int n = net.nodes;
        nodeUp = new boolean[n];
        nodeNextFailure = new double[n];
        nodeNextHardware = new boolean[n];
        nodeRejoin = new double[n];
        nodeStream = new long[n];
        busyUntil = new double[n];
        queueEnds = new double[n * capacity];
        queueHead = new int[n];
        queueSize = new int[n];
        nodeRecent = new double[n * RECENT_KEPT];
        nodeRecentCount = new int[n];
        statusCache = new NodeStatus[n];
        statusSlot = new int[n];
        int m = net.links;
        linkUp = new boolean[m];
        linkNextFailure = new double[m];
        linkRestore = new double[m];
        linkStream = new long[m];
        linkRateNow = new double[m];
        linkRateSlot = new int[m];
        linkRecent = new double[m * RECENT_KEPT];
        linkRecentCount = new int[m];
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
            nodeStream[i] = Mix.hash(seed, NODE_STREAM, i);
            nodeUp[i] = true;
            busyUntil[i] = 0;
            queueHead[i] = 0;
            queueSize[i] = 0;
            nodeRecentCount[i] = 0;
            statusSlot[i] = -1;
            scheduleNodeFailure(i, 0.0);
        }
        for (int l = 0; l < net.links; l++) {
            linkStream[l] = Mix.hash(seed, LINK_STREAM, l);
            linkUp[l] = true;
            linkRateSlot[l] = -1;
            linkRecentCount[l] = 0;
            linkNextFailure[l] = Mix.exponential(nextLink(l), linkRate);
        }
        Arrays.fill(calendarSize, 0);
        Arrays.fill(pTask, null);
        poolSize = 0;
        freeCount = 0;
        pending = 0;
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
        advance(now + slotS);
        collect(slot, outcomes);
        slot++;
        clock = slot * slotS;
        if (slot < scenario.slots()) {
            current = arrivals(slot * slotS);
            return new Slot(slot, millis(slot * slotS), current, outcomes, sortedEvents(), false);
        }
        // the last slot: let every task in flight end, so that each ends within its episode
        current = List.of();
        for (int s = slot; pending > 0; s++) {
            advance((s + 1) * slotS);
            collect(s, outcomes);
            clock = (s + 1) * slotS;
        }
        done = true;
        return new Slot(slot, millis(slot * slotS), List.of(), outcomes, sortedEvents(), true);
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
            popQueue(i, now);
            int at = 5 * i;
            state[at] = nodeUp[i] ? 1f : 0f;
            state[at + 1] = (float) (net.cpuGHz[i] / maxCpu);
            state[at + 2] = nodeUp[i] ? (float) Math.min(1.0, Math.max(0, busyUntil[i] - now) / deadline) : 0f;
            state[at + 3] = (float) queueSize[i] / capacity;
            state[at + 4] = Math.min(1f, recent(nodeRecent, nodeRecentCount, i, now) / 4f);
        }
        int base = 5 * net.nodes;
        for (int l = 0; l < net.links; l++) {
            state[base + 2 * l] = linkUp[l] ? 1f : 0f;
            state[base + 2 * l + 1] = (float) (rate(l) / net.maxRate[l]);
        }
        return state;
    }

    // ---------------------------------------------------------------- arrivals and observations

    private List<Observation> arrivals(double now) {
        List<Observation> observations = new ArrayList<>();
        long nowMillis = millis(now);
        for (int i = 0; i < net.nodes; i++) {
            if (!nodeUp[i] || Mix.unit(Mix.hash(seed, ARRIVAL, slot, i)) >= net.arrivalProbability[i]) {
                continue;
            }
            long id = nextTaskId++;
            int type = typeOf(Mix.unit(Mix.hash(seed, TASK_TYPE, id)));
            TaskType spec = scenario.tasks().types().get(type);
            Task task = new Task(id, i, nowMillis, spec.sizeKB().at(Mix.unit(Mix.hash(seed, TASK_SIZE, id))),
                    spec.cyclesPerBit().at(Mix.unit(Mix.hash(seed, TASK_CYCLES, id))), spec.deadlineS(),
                    typeNames[type]);
            observations.add(observe(i, task, now));
        }
        return observations;
    }

    private int typeOf(double u) {
        for (int t = 0; t < typeCumulativeWeight.length; t++) {
            if (u < typeCumulativeWeight[t]) {
                return t;
            }
        }
        return typeCumulativeWeight.length - 1;
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
                up &= linkUp[l] && (u == node || nodeUp[u]);
            }
            int hops = net.candHops[c];
            candidates.add(new Candidate(status(node, now), nodeRate, hops, secondsPerMB, latency, linkRate * hops,
                    up));
        }
        return new Observation(origin, millis(now), task, candidates, scenario.reliabilityThreshold());
    }

    /** The node's status at the start of the current slot, made once per slot. */
    private NodeStatus status(int node, double now) {
        if (statusSlot[node] != slot) {
            popQueue(node, now);
            double wait = nodeUp[node] ? Math.max(0, busyUntil[node] - now) : 0;
            statusCache[node] = new NodeStatus(node, nodeUp[node] ? Health.UP : Health.DOWN, net.cpuGHz[node],
                    Math.min(1.0, wait / slotS), queueSize[node], wait, Double.NaN, Double.NaN, Double.NaN,
                    recent(nodeRecent, nodeRecentCount, node, now), millis(now));
            statusSlot[node] = slot;
        }
        return statusCache[node];
    }

    /** The link's rate in the current slot: smooth noise between random levels every rateChangeSlots. */
    private double rate(int l) {
        if (linkRateSlot[l] != slot) {
            int every = scenario.links().rateChangeSlots();
            int level = slot / every;
            double from = Mix.unit(Mix.hash(seed, LINK_RATE, l, level));
            double to = Mix.unit(Mix.hash(seed, LINK_RATE, l, level + 1));
            double u = from + (to - from) * (slot % every) / every;
            linkRateNow[l] = net.minRate[l] + (net.maxRate[l] - net.minRate[l]) * u;
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
        popQueue(target, now);
        if (queueSize[target] >= capacity) {
            end(task, target, hops, FailureReason.QUEUE_FULL, now, 0);
            return;
        }
        double deadline = now + task.deadlineS();
        // transfer, hop by hop; a failed attempt is resent after the timeout while retries are left
        int c = net.candStart[task.origin()] + index;
        double clock = now;
        int u = task.origin();
        double sizeMB = task.sizeMB();
        Scenario.Failures failures = scenario.failures();
        for (int k = net.pathStart[c], hop = 0; k < net.pathStart[c + 1]; k++, hop++) {
            int l = net.pathLink[k];
            int v = net.other(l, u);
            for (int attempt = 0; ; attempt++) {
                double arrive = clock + sizeMB / rate(l) + net.latencyS[l];
                double linkDown = linkNextFailure[l];
                double nodeDown = Math.min(nodeNextFailure[u], nodeNextFailure[v]);
                double first = Math.min(Math.min(linkDown, nodeDown), deadline);
                if (first < arrive) {
                    FailureReason reason = first == linkDown ? FailureReason.LINK_FAILED
                            : first == nodeDown ? FailureReason.NODE_FAILED : FailureReason.DEADLINE_MISSED;
                    end(task, target, hops, reason, Math.max(first, Math.min(clock, deadline)), 0);
                    return;
                }
                if (!Draws.transmissionFails(seed, task.id(), hop, attempt, failures.transmissionRate())) {
                    clock = arrive;
                    break;
                }
                if (attempt == failures.transmissionRetries()) {
                    end(task, target, hops, FailureReason.TRANSMISSION_FAILURE, arrive, 0);
                    return;
                }
                clock = arrive + failures.retransmitTimeoutS();
            }
            u = v;
        }
        // the FIFO queue of the executor
        double compute = candidate.computeSeconds(task);
        double start = Math.max(clock, busyUntil[target]);
        double finish = start + compute;
        double executionFails = Draws.executionFails(seed, task.id(), failures.executionRate())
                ? start + compute * Draws.executionPoint(seed, task.id()) : Double.POSITIVE_INFINITY;
        double nodeDown = nodeNextFailure[target];
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
            busyUntil[target] = endTime; // the executor is busy until the task ends, however it ends
        }
        enqueue(target, endTime);
        end(task, target, hops, reason, endTime, reliability);
    }

    private void end(Task task, int executor, int hops, FailureReason reason, double endTime, double reliability) {
        int record = freeCount > 0 ? free[--freeCount] : poolSize++;
        if (record >= pTask.length) {
            int size = pTask.length * 2;
            pTask = Arrays.copyOf(pTask, size);
            pExecutor = Arrays.copyOf(pExecutor, size);
            pHops = Arrays.copyOf(pHops, size);
            pReason = Arrays.copyOf(pReason, size);
            pArrival = Arrays.copyOf(pArrival, size);
            pEnd = Arrays.copyOf(pEnd, size);
            pReliability = Arrays.copyOf(pReliability, size);
            free = Arrays.copyOf(free, size);
        }
        pTask[record] = task;
        pExecutor[record] = executor;
        pHops[record] = hops;
        pReason[record] = reason;
        pArrival[record] = slot * slotS; // tasks arrive at the start of the slot they are decided in
        pEnd[record] = endTime;
        pReliability[record] = reliability;
        int bucket = (int) (Math.floor(endTime / slotS) % horizonSlots);
        if (calendarSize[bucket] == calendar[bucket].length) {
            calendar[bucket] = Arrays.copyOf(calendar[bucket], calendarSize[bucket] * 2);
        }
        calendar[bucket][calendarSize[bucket]++] = record;
        pending++;
    }

    /** Hands out the outcomes of tasks that ended during slot {@code s}. */
    private void collect(int s, List<Outcome> outcomes) {
        int bucket = s % horizonSlots;
        double weight = scenario.reward().latencyWeight();
        for (int k = 0; k < calendarSize[bucket]; k++) {
            int r = calendar[bucket][k];
            Task task = pTask[r];
            double latency = pEnd[r] - pArrival[r];
            boolean success = pReason[r].isSuccess();
            double reward = (success ? 1.0 : -1.0) - weight * Math.min(1.0, latency / task.deadlineS());
            outcomes.add(new Outcome(task, pExecutor[r], pHops[r], pReason[r], latency, pReliability[r],
                    millis(pEnd[r]), reward));
            pTask[r] = null;
            free[freeCount++] = r;
            pending--;
        }
        calendarSize[bucket] = 0;
    }

    // ---------------------------------------------------------------- node queues

    /** Drops the queue entries of tasks that ended by {@code now}. */
    private void popQueue(int node, double now) {
        int base = node * capacity;
        while (queueSize[node] > 0 && queueEnds[base + queueHead[node]] <= now) {
            queueHead[node] = (queueHead[node] + 1) % capacity;
            queueSize[node]--;
        }
    }

    /** Adds a task's end time, keeping the ring sorted (ends mostly arrive in order). */
    private void enqueue(int node, double endTime) {
        int base = node * capacity;
        int size = queueSize[node];
        int at = size;
        while (at > 0 && queueEnds[base + (queueHead[node] + at - 1) % capacity] > endTime) {
            queueEnds[base + (queueHead[node] + at) % capacity] = queueEnds[base + (queueHead[node] + at - 1)
                    % capacity];
            at--;
        }
        queueEnds[base + (queueHead[node] + at) % capacity] = endTime;
        queueSize[node] = size + 1;
    }

    // ---------------------------------------------------------------- failures and recoveries

    /** Moves every node and link through the failures and recoveries up to {@code until}. */
    private void advance(double until) {
        for (int i = 0; i < net.nodes; i++) {
            while (true) {
                if (nodeUp[i] && nodeNextFailure[i] <= until) {
                    double at = nodeNextFailure[i];
                    nodeUp[i] = false;
                    queueSize[i] = 0; // every task there ended at this failure (decided at dispatch)
                    nodeRejoin[i] = rejoinTime(at, nextNode(i), scenario.failures().rejoinProbability());
                    remember(nodeRecent, nodeRecentCount, i, at);
                    events.add(new EnvironmentEvent(millis(at), nodeNextHardware[i]
                            ? EnvironmentEvent.Type.NODE_HARDWARE_FAILURE : EnvironmentEvent.Type.NODE_SOFTWARE_FAILURE,
                            i, -1));
                } else if (!nodeUp[i] && nodeRejoin[i] <= until) {
                    double at = nodeRejoin[i];
                    nodeUp[i] = true;
                    busyUntil[i] = at;
                    scheduleNodeFailure(i, at);
                    events.add(new EnvironmentEvent(millis(at), EnvironmentEvent.Type.NODE_REJOINED, i, -1));
                } else {
                    break;
                }
            }
        }
        for (int l = 0; l < net.links; l++) {
            while (true) {
                if (linkUp[l] && linkNextFailure[l] <= until) {
                    double at = linkNextFailure[l];
                    linkUp[l] = false;
                    linkRestore[l] = rejoinTime(at, nextLink(l), scenario.failures().linkRestoreProbability());
                    remember(linkRecent, linkRecentCount, l, at);
                    events.add(new EnvironmentEvent(millis(at), EnvironmentEvent.Type.LINK_FAILED, net.linkA[l],
                            net.linkB[l]));
                } else if (!linkUp[l] && linkRestore[l] <= until) {
                    double at = linkRestore[l];
                    linkUp[l] = true;
                    linkNextFailure[l] = at + Mix.exponential(nextLink(l), linkRate);
                    events.add(new EnvironmentEvent(millis(at), EnvironmentEvent.Type.LINK_RESTORED, net.linkA[l],
                            net.linkB[l]));
                } else {
                    break;
                }
            }
        }
    }

    private void scheduleNodeFailure(int i, double from) {
        nodeNextFailure[i] = from + Mix.exponential(nextNode(i), nodeRate);
        nodeNextHardware[i] = nextNode(i) < hardwareShare;
    }

    /** A down element gets a chance to come back at each slot boundary after it failed. */
    private double rejoinTime(double failedAt, double u, double probability) {
        return (Math.floor(failedAt / slotS) + Mix.geometric(u, probability)) * slotS;
    }

    private double nextNode(int i) {
        nodeStream[i] = Mix.advance(nodeStream[i]);
        return Mix.unit(Mix.mix(nodeStream[i]));
    }

    private double nextLink(int l) {
        linkStream[l] = Mix.advance(linkStream[l]);
        return Mix.unit(Mix.mix(linkStream[l]));
    }

    private static void remember(double[] times, int[] counts, int element, double at) {
        times[element * RECENT_KEPT + counts[element] % RECENT_KEPT] = at;
        counts[element]++;
    }

    private int recent(double[] times, int[] counts, int element, double now) {
        int kept = Math.min(counts[element], RECENT_KEPT);
        int recent = 0;
        for (int k = 0; k < kept; k++) {
            if (times[element * RECENT_KEPT + k] > now - RECENT_SLOTS * slotS) {
                recent++;
            }
        }
        return recent;
    }

    private List<EnvironmentEvent> sortedEvents() {
        if (events.isEmpty()) {
            return List.of();
        }
        List<EnvironmentEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(EnvironmentEvent::timeMillis));
        return sorted;
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000.0);
    }
}
