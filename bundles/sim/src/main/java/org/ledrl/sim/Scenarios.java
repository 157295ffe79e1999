package org.ledrl.sim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ledrl.api.model.Topology;
import org.ledrl.api.command.Arguments;
import org.ledrl.json.InputErrors;

/**
 * Reads scenarios from YAML, applies {@code --set key=value} overrides and checks every value, so a
 * bad file fails before anything runs with a {@link ScenarioException} naming the file, the key and
 * the problem. Keys may be nested ({@code tasks: {deadlineS: 4}}) or dotted ({@code tasks.deadlineS: 4});
 * an override uses the dotted form and a YAML value ({@code --set links.rateMBps=[10,40]}).
 *
 * <p>Keys and defaults (the paper's settings where it gives them; heterogeneous CPU and arrival rates,
 * calibrated so that the paper's 40-65% success regime holds, where it does not):
 * <pre>
 * name: default            seed: 1                 slots: 100              episodes: 10
 * slotSeconds: 1.0         reliabilityThreshold: 0.9
 * topology.type: random    (random | ring | grid | file)
 * topology.nodes: 10       topology.degree: 3.0    topology.file: (path, relative to the scenario file)
 * nodes.cpuGHz: [1.0, 4.0] nodes.queueCapacity: 32
 * links.rateMBps: [10, 40] links.latencyMs: [1, 5] links.rateChangeSlots: 10
 * tasks.arrivalProbability: [0.3, 1.0] (or one number: every node the same)
 * tasks.sizeKB: [250, 500]  tasks.cyclesPerBit: [800, 2400]  tasks.deadlineS: 4
 * tasks.types: [video-analytics, sensor-fusion, control]   (built-in names, or maps: name, description,
 *              weight, sizeKB, cyclesPerBit, deadlineS; missing values come from tasks.*)
 * failures.nodeHardwareRate: 0.01  failures.nodeSoftwareRate: 0.01  failures.linkRate: 0.01
 * failures.executionRate: 0.0      failures.transmissionRate: 0.0   failures.rejoinProbability: 0.1
 * failures.linkRestoreProbability: (failures.rejoinProbability)
 * failures.transmissionRetries: 0  failures.retransmitTimeoutS: 0.5
 * policy.maxHops: 1        reward.latencyWeight: 0.1
 * </pre>
 *
 * <p>A topology file lists {@code nodes} (each {@code name}, optional {@code cpuGHz}) and {@code links}
 * (each {@code a}, {@code b} as node index or name, optional {@code rateMBps} [min,max] and
 * {@code latencyMs}); it must describe a connected graph.
 */
public final class Scenarios {

    public static final List<String> TOPOLOGY_TYPES = List.of("random", "ring", "grid", "file");
    private static final int MAX_NODES = 100_000;

    private Scenarios() {
    }

    /** The folder of an installation that holds its shipped scenarios: {@code <home>/conf/scenarios}. */
    public static Path folder(Path home) {
        return home.resolve("conf").resolve("scenarios");
    }

    /**
     * Finds a scenario file the way every command does: {@code name} as given (against the working
     * directory), else under {@link #folder(Path)}, each with or without the {@code .yaml} ending.
     *
     * @throws Arguments.UsageException naming the file and every place looked at
     */
    public static Path find(String name, Path home) throws Arguments.UsageException {
        List<Path> tried = new ArrayList<>();
        Path given = Path.of(name);
        List<Path> bases = given.isAbsolute() ? List.of(given)
                : List.of(Path.of("").toAbsolutePath().resolve(given), folder(home).resolve(given));
        for (Path base : bases) {
            for (Path candidate : List.of(base, base.resolveSibling(base.getFileName() + ".yaml"))) {
                tried.add(candidate);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new Arguments.UsageException("scenario file '" + name + "' not found; looked for " + tried);
    }

    /** The built-in scenario: every key at its default. */
    public static Scenario defaults() {
        try {
            return parse("{}", "defaults", List.of());
        } catch (ScenarioException e) {
            throw new IllegalStateException("the defaults must be valid", e);
        }
    }

    /** Reads {@code file} and applies {@code sets} ({@code key=value} each). */
    public static Scenario load(Path file, List<String> sets) throws ScenarioException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioException(source, "", "cannot read the file: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, source, sets, base == null ? Path.of("") : base);
    }

    /** Parses scenario YAML; a topology file is resolved against the working directory. */
    public static Scenario parse(String yaml, String source, List<String> sets) throws ScenarioException {
        return parse(yaml, source, sets, Path.of(""));
    }

    private static Scenario parse(String yaml, String source, List<String> sets, Path base)
            throws ScenarioException {
        YAMLMapper mapper = yamlMapper();
        JsonNode root;
        try {
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source, "", InputErrors.describeYaml(e, "the file"));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = mapper.createObjectNode();
        }
        if (!root.isObject()) {
            throw new ScenarioException(source, "", "must be a map of keys, not " + root.getNodeType());
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        flatten("", (ObjectNode) root, values);
        Set<String> fromSet = new HashSet<>();
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ScenarioException(source, set, "an override must be key=value");
            }
            String key = set.substring(0, eq).trim();
            String value = set.substring(eq + 1).trim();
            JsonNode parsed;
            try {
                parsed = value.isEmpty() ? null : mapper.readTree(value);
            } catch (JsonProcessingException e) {
                throw new ScenarioException(source, key + " (from --set)", "not a valid value: '" + value + "'");
            }
            if (parsed == null || parsed.isMissingNode()) {
                throw new ScenarioException(source, key + " (from --set)", "needs a value");
            }
            values.put(key, parsed);
            fromSet.add(key);
        }
        return new Reader(source, values, fromSet, base).scenario();
    }

    static YAMLMapper yamlMapper() {
        YAMLMapper mapper = new YAMLMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }

    private static void flatten(String prefix, ObjectNode node, Map<String, JsonNode> into) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            if (field.getValue().isObject()) {
                flatten(key + ".", (ObjectNode) field.getValue(), into);
            } else {
                into.put(key, field.getValue());
            }
        }
    }

    /** Takes keys out of the flattened file one by one, checking each; what is left over is unknown. */
    private static final class Reader {
        private final String source;
        private final Map<String, JsonNode> values;
        private final Set<String> fromSet;
        private final Path base;

        Reader(String source, Map<String, JsonNode> values, Set<String> fromSet, Path base) {
            this.source = source;
            this.values = values;
            this.fromSet = fromSet;
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
            if (!TOPOLOGY_TYPES.contains(type)) {
                throw error("topology.type", "must be one of " + TOPOLOGY_TYPES + ", not '" + type + "'");
            }
            int nodeCount = (int) whole("topology.nodes", 10, 2, MAX_NODES);
            double degree = real("topology.degree", 3.0, 1.0, MAX_NODES);
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
                    real("failures.retransmitTimeoutS", 0.5, 0, 86_400));
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
            flatten(at + ".", item, fields);
            Reader inner = new Reader(source, fields, Set.of(), base);
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

        private String key(String key) {
            return fromSet.contains(key) ? key + " (from --set)" : key;
        }

        private ScenarioException error(String key, String problem) {
            return new ScenarioException(source, key(key), problem);
        }

        private String text(String key, String defaultValue) throws ScenarioException {
            JsonNode node = values.remove(key);
            if (node == null) {
                return defaultValue;
            }
            if (!node.isValueNode() || node.isNull()) {
                throw error(key, "must be a text, not " + node.getNodeType());
            }
            return node.asText();
        }

        private long whole(String key, long defaultValue) throws ScenarioException {
            return whole(key, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        private long whole(String key, long defaultValue, long min, long max) throws ScenarioException {
            JsonNode node = values.remove(key);
            if (node == null) {
                return defaultValue;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw error(key, "must be a whole number, not " + describe(node));
            }
            long value = node.asLong();
            if (value < min || value > max) {
                throw error(key, "must be between " + min + " and " + max + ", not " + value);
            }
            return value;
        }

        private double real(String key, double defaultValue, double min, double max) throws ScenarioException {
            JsonNode node = values.remove(key);
            return node == null ? defaultValue : number(key, node, min, max);
        }

        private double number(String key, JsonNode node, double min, double max) throws ScenarioException {
            if (!node.isNumber()) {
                throw error(key, "must be a number, not " + describe(node));
            }
            double value = node.asDouble();
            if (!Double.isFinite(value)) {
                throw error(key, "must be a finite number, not " + value);
            }
            if (value < min) {
                throw error(key, (min == 0 ? "must not be negative" : "must be at least " + min) + ", not " + value);
            }
            if (value > max) {
                throw error(key, "must be at most " + max + ", not " + value);
            }
            return value;
        }

        private Range range(String key, Range defaultValue, double min) throws ScenarioException {
            JsonNode node = values.remove(key);
            if (node == null) {
                return defaultValue;
            }
            if (node.isNumber()) {
                return Range.of(number(key, node, min, Double.MAX_VALUE));
            }
            if (!node.isArray() || node.size() != 2) {
                throw error(key, "must be [min, max] or a single number, not " + describe(node));
            }
            double low = number(key, node.get(0), min, Double.MAX_VALUE);
            double high = number(key, node.get(1), min, Double.MAX_VALUE);
            if (low > high) {
                throw error(key, "min " + low + " is greater than max " + high);
            }
            return new Range(low, high);
        }

        private static String describe(JsonNode node) {
            return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
        }
    }

    /** Reads and checks a topology file. */
    static final class TopologyFile {

        private TopologyFile() {
        }

        static Topology read(Path file, String scenarioKey) throws ScenarioException {
            String source = file.toString();
            JsonNode root;
            try {
                root = yamlMapper().readTree(Files.readString(file));
            } catch (JsonProcessingException e) {
                throw new ScenarioException(source, "", InputErrors.describeYaml(e, "the file"));
            } catch (IOException e) {
                throw new ScenarioException(source, "", "cannot read the topology file named by " + scenarioKey
                        + ": " + e.getMessage());
            }
            if (root == null || !root.isObject()) {
                throw new ScenarioException(source, "", "must be a map with nodes and links");
            }
            Iterator<String> keys = root.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (!key.equals("nodes") && !key.equals("links")) {
                    throw new ScenarioException(source, key, "unknown key (a topology file has nodes and links)");
                }
            }
            JsonNode nodes = root.path("nodes");
            if (!nodes.isArray() || nodes.size() < 2) {
                throw new ScenarioException(source, "nodes", "must list at least 2 nodes");
            }
            List<Topology.NodeSpec> specs = new ArrayList<>();
            Map<String, Integer> byName = new LinkedHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                JsonNode node = nodes.get(i);
                String at = "nodes[" + i + "]";
                check(source, at, node, Set.of("name", "cpuGHz"));
                String name = node.path("name").asText("node-" + i);
                if (byName.put(name, i) != null) {
                    throw new ScenarioException(source, at + ".name", "node name '" + name + "' is used twice");
                }
                double cpu = Double.NaN;
                if (node.has("cpuGHz")) {
                    cpu = positive(source, at + ".cpuGHz", node.get("cpuGHz"));
                }
                specs.add(new Topology.NodeSpec(i, name, cpu));
            }
            JsonNode links = root.path("links");
            if (!links.isArray()) {
                throw new ScenarioException(source, "links", "must list the links");
            }
            List<Topology.LinkSpec> linkSpecs = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < links.size(); i++) {
                JsonNode link = links.get(i);
                String at = "links[" + i + "]";
                check(source, at, link, Set.of("a", "b", "rateMBps", "latencyMs"));
                int a = endpoint(source, at + ".a", link.path("a"), byName, specs.size());
                int b = endpoint(source, at + ".b", link.path("b"), byName, specs.size());
                if (a == b) {
                    throw new ScenarioException(source, at, "a link must join two different nodes, not " + a
                            + " to itself");
                }
                if (!seen.add((long) Math.min(a, b) * MAX_NODES + Math.max(a, b))) {
                    throw new ScenarioException(source, at, "nodes " + a + " and " + b + " are already linked");
                }
                double minRate = Double.NaN;
                double maxRate = Double.NaN;
                JsonNode rate = link.path("rateMBps");
                if (rate.isArray() && rate.size() == 2) {
                    minRate = positive(source, at + ".rateMBps", rate.get(0));
                    maxRate = positive(source, at + ".rateMBps", rate.get(1));
                    if (minRate > maxRate) {
                        throw new ScenarioException(source, at + ".rateMBps", "min " + minRate
                                + " is greater than max " + maxRate);
                    }
                } else if (rate.isNumber()) {
                    minRate = positive(source, at + ".rateMBps", rate);
                    maxRate = minRate;
                } else if (!rate.isMissingNode()) {
                    throw new ScenarioException(source, at + ".rateMBps", "must be [min, max] or a number");
                }
                double latency = Double.NaN;
                if (link.has("latencyMs")) {
                    JsonNode l = link.get("latencyMs");
                    if (!l.isNumber() || l.asDouble() < 0 || !Double.isFinite(l.asDouble())) {
                        throw new ScenarioException(source, at + ".latencyMs", "must be a number of at least 0, not "
                                + l);
                    }
                    latency = l.asDouble();
                }
                linkSpecs.add(new Topology.LinkSpec(Math.min(a, b), Math.max(a, b), minRate, maxRate, latency));
            }
            Topology topology = new Topology(specs, linkSpecs);
            List<Integer> unreached = unreachedFromFirst(topology);
            if (!unreached.isEmpty()) {
                throw new ScenarioException(source, "links", "the topology is not connected: node "
                        + specs.get(unreached.get(0)).name() + " (and " + (unreached.size() - 1)
                        + " more) cannot be reached from node " + specs.get(0).name());
            }
            return topology;
        }

        private static void check(String source, String at, JsonNode node, Set<String> allowed)
                throws ScenarioException {
            if (!node.isObject()) {
                throw new ScenarioException(source, at, "must be a map, not " + node.getNodeType());
            }
            Iterator<String> keys = node.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (!allowed.contains(key)) {
                    throw new ScenarioException(source, at + "." + key, "unknown key");
                }
            }
        }

        private static double positive(String source, String key, JsonNode node) throws ScenarioException {
            if (!node.isNumber() || !(node.asDouble() > 0) || !Double.isFinite(node.asDouble())) {
                throw new ScenarioException(source, key, "must be a positive number, not " + node);
            }
            return node.asDouble();
        }

        private static int endpoint(String source, String key, JsonNode node, Map<String, Integer> byName, int n)
                throws ScenarioException {
            if (node.isIntegralNumber()) {
                int index = node.asInt();
                if (index < 0 || index >= n) {
                    throw new ScenarioException(source, key, "node index " + index + " is not in 0.." + (n - 1));
                }
                return index;
            }
            if (node.isTextual() && byName.containsKey(node.asText())) {
                return byName.get(node.asText());
            }
            throw new ScenarioException(source, key, "must name a node (index or name), not " + node);
        }

        /** Nodes a breadth-first search from node 0 does not reach. */
        static List<Integer> unreachedFromFirst(Topology topology) {
            int n = topology.size();
            List<List<Integer>> adjacent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                adjacent.add(new ArrayList<>());
            }
            for (Topology.LinkSpec link : topology.links()) {
                adjacent.get(link.a()).add(link.b());
                adjacent.get(link.b()).add(link.a());
            }
            boolean[] reached = new boolean[n];
            Deque<Integer> queue = new ArrayDeque<>();
            queue.add(0);
            reached[0] = true;
            while (!queue.isEmpty()) {
                for (int next : adjacent.get(queue.poll())) {
                    if (!reached[next]) {
                        reached[next] = true;
                        queue.add(next);
                    }
                }
            }
            List<Integer> unreached = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!reached[i]) {
                    unreached.add(i);
                }
            }
            return unreached;
        }
    }
}
