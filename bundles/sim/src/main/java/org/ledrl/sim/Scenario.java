package org.ledrl.sim;

import java.util.List;
import org.ledrl.api.model.Topology;

/**
 * Everything a simulation needs, one typed value per scenario key (see {@link Scenarios} for the YAML
 * form, the defaults and the checks). Immutable; {@link #withSeed(long)} and friends make variants.
 *
 * <p>Time is in seconds, sizes in kilobytes of 1000 bytes, rates in megabytes per second. The node
 * hardware/software and link failure rates are Poisson rates per second; the execution and
 * transmission failure rates are probabilities per attempt (per execution, per hop), as in the
 * paper's robustness sweep.
 *
 * @param name                 scenario name, for reports
 * @param seed                 master seed: topology and, through the run driver, every episode
 * @param slots                slots per episode
 * @param episodes             episodes per run
 * @param slotSeconds          length of a slot
 * @param topology             network shape
 * @param nodes                node capacities
 * @param links                link capacities
 * @param tasks                task arrivals and task types
 * @param failures             failure processes
 * @param reliabilityThreshold reliability a task needs to succeed
 * @param policy               what the policy may choose from
 * @param reward               reward shaping
 */
public record Scenario(String name, long seed, int slots, int episodes, double slotSeconds, Graph topology,
                       Nodes nodes, Links links, Tasks tasks, Failures failures, double reliabilityThreshold,
                       Policy policy, Reward reward) {

    /**
     * The network's shape.
     *
     * @param type   {@code random} (connected, target mean degree), {@code ring}, {@code grid} or {@code file}
     * @param nodes  node count (from the file for {@code file})
     * @param degree target mean degree of a random graph
     * @param file   the topology file as written in the scenario (empty unless {@code file})
     * @param fromFile the topology read from that file (empty unless {@code file})
     */
    public record Graph(String type, int nodes, double degree, String file, Topology fromFile) {
    }

    /**
     * @param cpuGHz        CPU frequency range; each node draws its own
     * @param queueCapacity tasks a node holds (waiting, running or on their way to it) before refusing more
     */
    public record Nodes(Range cpuGHz, int queueCapacity) {
    }

    /**
     * @param rateMBps        rate range; each link's rate wanders smoothly inside it over time
     * @param latencyMs       per-transfer latency range; each link draws its own
     * @param rateChangeSlots slots over which a link's rate moves from one random level to the next
     */
    public record Links(Range rateMBps, Range latencyMs, int rateChangeSlots) {
    }

    /**
     * @param arrivalProbability probability that a task arrives at a node in a slot (Bernoulli); each node
     *                           draws its own from this range, so some nodes are busier than others
     * @param sizeKB             input size range, the base of the task types' ranges
     * @param cyclesPerBit       compute demand range, the base of the task types' ranges
     * @param deadlineS          relative deadline, the base of the task types' deadlines
     * @param types              the task types arrivals are drawn from, by weight
     */
    public record Tasks(Range arrivalProbability, Range sizeKB, Range cyclesPerBit, double deadlineS,
                        List<TaskType> types) {

        public Tasks {
            types = List.copyOf(types);
        }

        /** The longest deadline of any type. */
        public double maxDeadlineS() {
            double max = 0;
            for (TaskType type : types) {
                max = Math.max(max, type.deadlineS());
            }
            return max;
        }
    }

    /**
     * @param nodeHardwareRate      node hardware failures per second (Poisson)
     * @param nodeSoftwareRate      node software failures per second (Poisson)
     * @param linkRate              link failures per second (Poisson)
     * @param executionRate         probability that an execution fails
     * @param transmissionRate      probability that a transfer over one hop fails
     * @param rejoinProbability     probability per slot that a down node comes back
     * @param linkRestoreProbability probability per slot that a down link comes back
     * @param transmissionRetries   how often a sender resends a failed hop (0: a failed transfer loses the task)
     * @param retransmitTimeoutS    how long a sender waits, after a failed hop would have arrived, to resend it
     * @param memory                which elements fail more than others, and when ({@link FailureMemory#NONE}: all
     *                              alike, memoryless; since 1.3)
     */
    public record Failures(double nodeHardwareRate, double nodeSoftwareRate, double linkRate, double executionRate,
                           double transmissionRate, double rejoinProbability, double linkRestoreProbability,
                           int transmissionRetries, double retransmitTimeoutS, FailureMemory memory) {

        /** Memoryless: every element alike. */
        public Failures(double nodeHardwareRate, double nodeSoftwareRate, double linkRate, double executionRate,
                        double transmissionRate, double rejoinProbability, double linkRestoreProbability,
                        int transmissionRetries, double retransmitTimeoutS) {
            this(nodeHardwareRate, nodeSoftwareRate, linkRate, executionRate, transmissionRate, rejoinProbability,
                    linkRestoreProbability, transmissionRetries, retransmitTimeoutS, FailureMemory.NONE);
        }

        /** Without resends: a failed transfer loses the task. */
        public Failures(double nodeHardwareRate, double nodeSoftwareRate, double linkRate, double executionRate,
                        double transmissionRate, double rejoinProbability, double linkRestoreProbability) {
            this(nodeHardwareRate, nodeSoftwareRate, linkRate, executionRate, transmissionRate, rejoinProbability,
                    linkRestoreProbability, 0, 0);
        }

        /** Hardware plus software failure rate: what {@link org.ledrl.api.model.Candidate#nodeFailureRate} says. */
        public double nodeRate() {
            return nodeHardwareRate + nodeSoftwareRate;
        }
    }

    /** @param maxHops how far a task may be sent: 1 means neighbours only, more allows multi-hop along shortest paths */
    public record Policy(int maxHops) {
    }

    /** @param latencyWeight reward is +1 on success, -1 on failure, minus this times latency/deadline (capped at 1) */
    public record Reward(double latencyWeight) {
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, newSeed, slots, episodes, slotSeconds, topology, nodes, links, tasks, failures,
                reliabilityThreshold, policy, reward);
    }

    public Scenario withEpisodes(int newEpisodes) {
        return new Scenario(name, seed, slots, newEpisodes, slotSeconds, topology, nodes, links, tasks, failures,
                reliabilityThreshold, policy, reward);
    }
}
