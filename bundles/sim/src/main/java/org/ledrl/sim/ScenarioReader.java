package org.ledrl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ledrl.api.model.Topology;

/** Takes keys out of the flattened file one by one, checking each; what is left over is unknown. */
final class ScenarioReader extends ScenarioValues {
    private final Path base;

    ScenarioReader(String source, Map<String, JsonNode> values, Set<String> fromSet, Path base) {
        super(source, values, fromSet);
        this.base = base;
    }

    Scenario scenario() throws ScenarioException {
        String name = text("name", "default");
        long seed = whole("seed", 1);
        int slots = (int) whole("slots", 100, 1, 100_000_000);
        int episodes = (int) whole("episodes", 10, 1, 100_000_000);
        double slotSeconds = real("slotSeconds", 1.0, 1e-6, 86_400);
        double threshold = real("reliabilityThreshold", 0.9, 0, 1);

        String type = text("topology.type", "random");
        if (!Scenarios.TOPOLOGY_TYPES.contains(type)) {
            throw error("topology.type", "must be one of " + Scenarios.TOPOLOGY_TYPES + ", not '" + type + "'");
        }
        int nodeCount = (int) whole("topology.nodes", 10, 2, Scenarios.MAX_NODES);
        double degree = real("topology.degree", 3.0, 1.0, Scenarios.MAX_NODES);
        String file = text("topology.file", "");
        Topology fromFile = new Topology(List.of(), List.of());
        if (type.equals("file")) {
            if (file.isEmpty()) {
                throw error("topology.file", "is required when topology.type is file");
            }
            fromFile = TopologyFile.read(base.resolve(file), key("topology.file"));
            nodeCount = fromFile.size();
        } else if (!file.isEmpty()) {
            throw error("topology.file", "is only read when topology.type is file (it is " + type + ")");
        } else if (type.equals("random")) {
            double minimum = 2.0 * (nodeCount - 1) / nodeCount;
            if (degree < minimum - 1e-9 || degree > nodeCount - 1) {
                throw error("topology.degree", String.format("a connected graph of %d nodes needs a mean degree"
                        + " between %.3f and %d, not %s", nodeCount, minimum, nodeCount - 1, degree));
            }
        } else if (type.equals("ring") && nodeCount < 3) {
            throw error("topology.nodes", "a ring needs at least 3 nodes, not " + nodeCount);
        }

        Scenario.Nodes nodes = new Scenario.Nodes(range("nodes.cpuGHz", new Range(1.0, 4.0), 1e-3),
                (int) whole("nodes.queueCapacity", 32, 1, 1_000_000));
        Scenario.Links links = new Scenario.Links(range("links.rateMBps", new Range(10, 40), 1e-6),
                range("links.latencyMs", new Range(1, 5), 0),
                (int) whole("links.rateChangeSlots", 10, 1, 1_000_000));

        Range arrival = range("tasks.arrivalProbability", new Range(0.3, 1.0), 0);
        if (arrival.max() > 1) {
            throw error("tasks.arrivalProbability", "is a probability: at most 1, not " + arrival.max());
        }
        Range sizeKB = range("tasks.sizeKB", new Range(250, 500), 1e-9);
        Range cyclesPerBit = range("tasks.cyclesPerBit", new Range(800, 2400), 1e-9);
        double deadline = real("tasks.deadlineS", 4.0, 1e-6, 86_400);
        List<TaskType> types = types(sizeKB, cyclesPerBit, deadline);
        Scenario.Tasks tasks = new Scenario.Tasks(arrival, sizeKB, cyclesPerBit, deadline, types);

        double rejoin = real("failures.rejoinProbability", 0.1, 0, 1);
        Scenario.Failures failures = new Scenario.Failures(
                real("failures.nodeHardwareRate", 0.01, 0, 1e6),
                real("failures.nodeSoftwareRate", 0.01, 0, 1e6),
                real("failures.linkRate", 0.01, 0, 1e6),
                real("failures.executionRate", 0.0, 0, 1),
                real("failures.transmissionRate", 0.0, 0, 1),
                rejoin,
                real("failures.linkRestoreProbability", rejoin, 0, 1),
                (int) whole("failures.transmissionRetries", 0, 0, 100),
                real("failures.retransmitTimeoutS", 0.5, 0, 86_400), failureMemory());
        Scenario.Policy policy = new Scenario.Policy((int) whole("policy.maxHops", 1, 1, 16));
        Scenario.Reward reward = new Scenario.Reward(real("reward.latencyWeight", 0.1, 0, 1e6));

        if (!values.isEmpty()) {
            String unknown = values.keySet().iterator().next();
            throw error(unknown, "unknown key");
        }
        return new Scenario(name, seed, slots, episodes, slotSeconds,
                new Scenario.Graph(type, nodeCount, degree, file, fromFile), nodes, links, tasks, failures,
                threshold, policy, reward);
    }

    /** The {@code failures.nodes.*}, {@code failures.links.*} and {@code failures.bursts.*} keys. */
    private FailureMemory failureMemory() throws ScenarioException {
        FailureMemory.Spread nodes = spread("failures.nodes");
        FailureMemory.Spread links = spread("failures.links");
        double meanGoodS = real("failures.bursts.meanGoodS", 0, 0, 1e9);
        double meanBadS = real("failures.bursts.meanBadS", 0, 0, 1e9);
        double badFactor = real("failures.bursts.badFactor", 1, 0, 1e6);
        boolean burstyNodes = flag("failures.bursts.nodes", true);
        boolean burstyLinks = flag("failures.bursts.links", true);
        if (meanGoodS > 0 && meanBadS < 1e-3) {
            throw error("failures.bursts.meanBadS", "bursts need a mean bad time of at least 0.001 s when "
                    + "failures.bursts.meanGoodS is set, not " + meanBadS);
        }
        if (meanGoodS == 0 && meanBadS > 0) {
            throw error("failures.bursts.meanGoodS", "bursts need a mean good time of at least 0.001 s when "
                    + "failures.bursts.meanBadS is set");
        }
        if (meanGoodS > 0 && meanGoodS < 1e-3) {
            throw error("failures.bursts.meanGoodS", "must be 0 (no bursts) or at least 0.001 s, not " + meanGoodS);
        }
        return new FailureMemory(nodes, links, new FailureMemory.Bursts(meanGoodS, meanBadS, badFactor, burstyNodes,
                burstyLinks));
    }

    private FailureMemory.Spread spread(String prefix) throws ScenarioException {
        return new FailureMemory.Spread(real(prefix + ".flakyShare", 0, 0, 1),
                real(prefix + ".flakyFactor", 1, 0, 1e6), real(prefix + ".logSigma", 0, 0, 10));
    }

    private List<TaskType> types(Range sizeKB, Range cyclesPerBit, double deadline) throws ScenarioException {
        JsonNode node = values.remove("tasks.types");
        List<TaskType> types = new ArrayList<>();
        if (node == null) {
            for (String builtIn : TaskTypes.NAMES) {
                types.add(TaskTypes.builtIn(builtIn, sizeKB, cyclesPerBit, deadline));
            }
            return types;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw error("tasks.types", "must be a non-empty list of type names or maps");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = "tasks.types[" + i + "]";
            TaskType type;
            if (item.isTextual()) {
                if (!TaskTypes.NAMES.contains(item.asText())) {
                    throw error(at, "unknown task type '" + item.asText() + "'; built-in types are "
                            + TaskTypes.NAMES + ", others need a map with a name");
                }
                type = TaskTypes.builtIn(item.asText(), sizeKB, cyclesPerBit, deadline);
            } else if (item.isObject()) {
                type = customType(at, (ObjectNode) item, sizeKB, cyclesPerBit, deadline);
            } else {
                throw error(at, "must be a type name or a map, not " + item.getNodeType());
            }
            if (!names.add(type.name())) {
                throw error(at, "task type '" + type.name() + "' is listed twice");
            }
            types.add(type);
        }
        return types;
    }

    private TaskType customType(String at, ObjectNode item, Range sizeKB, Range cyclesPerBit, double deadline)
            throws ScenarioException {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        Scenarios.flatten(at + ".", item, fields);
        ScenarioReader inner = new ScenarioReader(source, fields, Set.of(), base);
        String name = inner.text(at + ".name", "");
        if (name.isEmpty()) {
            throw error(at + ".name", "a task type needs a name");
        }
        TaskType defaults = TaskTypes.NAMES.contains(name) ? TaskTypes.builtIn(name, sizeKB, cyclesPerBit,
                deadline) : new TaskType(name, "", 1.0, sizeKB, cyclesPerBit, deadline);
        TaskType type = new TaskType(name, inner.text(at + ".description", defaults.description()),
                inner.real(at + ".weight", defaults.weight(), 1e-9, 1e9),
                inner.range(at + ".sizeKB", defaults.sizeKB(), 1e-9),
                inner.range(at + ".cyclesPerBit", defaults.cyclesPerBit(), 1e-9),
                inner.real(at + ".deadlineS", defaults.deadlineS(), 1e-6, 86_400));
        if (!fields.isEmpty()) {
            throw error(fields.keySet().iterator().next(), "unknown key");
        }
        return type;
    }

}
