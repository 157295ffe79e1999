package org.ledrl.sim;

import static org.ledrl.sim.internal.Draws.ARRIVAL;
import static org.ledrl.sim.internal.Draws.LINK_RATE;
import static org.ledrl.sim.internal.Draws.TASK_CYCLES;
import static org.ledrl.sim.internal.Draws.TASK_SIZE;
import static org.ledrl.sim.internal.Draws.TASK_TYPE;

import java.util.List;
import org.ledrl.api.model.Task;
import org.ledrl.api.model.Topology;
import org.ledrl.sim.internal.Draws;
import org.ledrl.sim.internal.Mix;
import org.ledrl.sim.internal.Network;

/**
 * A scenario's network and its random draws, for whoever plays the scenario outside the simulator
 * (the emulator's gateways) and for the simulator itself, so both draw arrivals, task types, sizes,
 * link rates and per-attempt failures the same way. Every draw is a hash of the seed and what it is
 * for (see {@link Simulation}), so it needs no state and any process can make it. Immutable.
 */
public final class ScenarioDraws {

    private final Scenario scenario;
    private final Network net;
    private final double[] typeCumulativeWeight;

    /** The scenario's network, drawn from its seed as the simulator draws it. */
    public ScenarioDraws(Scenario scenario) {
        this(scenario, new Network(scenario));
    }

    ScenarioDraws(Scenario scenario, Network net) {
        this.scenario = scenario;
        this.net = net;
        List<TaskType> types = scenario.tasks().types();
        typeCumulativeWeight = new double[types.size()];
        double total = 0;
        for (TaskType type : types) {
            total += type.weight();
        }
        double sum = 0;
        for (int i = 0; i < types.size(); i++) {
            sum += types.get(i).weight();
            typeCumulativeWeight[i] = sum / total;
        }
        typeCumulativeWeight[types.size() - 1] = 1.0;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Nodes (with their CPU) and links (with their rate range and latency), ids as in the simulator. */
    public Topology topology() {
        return net.topology;
    }

    /** Probability that a task arrives at {@code node} in a slot. */
    public double arrivalProbability(int node) {
        return net.arrivalProbability[node];
    }

    /** Whether a task arrives at {@code node} in slot {@code slot} of the episode seeded {@code seed}. */
    public boolean arrives(long seed, int slot, int node) {
        return Mix.unit(Mix.hash(seed, ARRIVAL, slot, node)) < net.arrivalProbability[node];
    }

    /** The task with id {@code id} (its type, size and compute demand are draws of the id). */
    public Task task(long seed, long id, int origin, long arrivalMillis) {
        int type = typeOf(Mix.unit(Mix.hash(seed, TASK_TYPE, id)));
        TaskType spec = scenario.tasks().types().get(type);
        return new Task(id, origin, arrivalMillis, spec.sizeKB().at(Mix.unit(Mix.hash(seed, TASK_SIZE, id))),
                spec.cyclesPerBit().at(Mix.unit(Mix.hash(seed, TASK_CYCLES, id))), spec.deadlineS(), spec.name());
    }

    /** The rate of link {@code link} in slot {@code slot}: smooth noise between random levels every rateChangeSlots. */
    public double linkRateMBps(long seed, int link, int slot) {
        int every = scenario.links().rateChangeSlots();
        int level = slot / every;
        double from = Mix.unit(Mix.hash(seed, LINK_RATE, link, level));
        double to = Mix.unit(Mix.hash(seed, LINK_RATE, link, level + 1));
        double u = from + (to - from) * (slot % every) / every;
        return net.minRate[link] + (net.maxRate[link] - net.minRate[link]) * u;
    }

    /** Whether the execution of task {@code taskId} fails (at the scenario's execution failure rate). */
    public boolean executionFails(long seed, long taskId) {
        return Draws.executionFails(seed, taskId, scenario.failures().executionRate());
    }

    /** Where in its compute time a failing execution stops, as a fraction in [0,1). */
    public double executionPoint(long seed, long taskId) {
        return Draws.executionPoint(seed, taskId);
    }

    /** Whether attempt {@code attempt} of the {@code hop}-th hop of task {@code taskId} is lost in transmission. */
    public boolean transmissionFails(long seed, long taskId, int hop, int attempt) {
        return Draws.transmissionFails(seed, taskId, hop, attempt, scenario.failures().transmissionRate());
    }

    private int typeOf(double u) {
        for (int t = 0; t < typeCumulativeWeight.length; t++) {
            if (u < typeCumulativeWeight[t]) {
                return t;
            }
        }
        return typeCumulativeWeight.length - 1;
    }
}
