package org.ledrl.sim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * failures.nodes.flakyShare: 0      failures.nodes.flakyFactor: 1    failures.nodes.logSigma: 0
 * failures.links.flakyShare: 0      failures.links.flakyFactor: 1    failures.links.logSigma: 0
 * failures.bursts.meanGoodS: 0 (no bursts)  failures.bursts.meanBadS: 0  failures.bursts.badFactor: 1
 * failures.bursts.nodes: true      failures.bursts.links: true      (see {@link FailureMemory})
 * policy.maxHops: 1        reward.latencyWeight: 0.1
 * </pre>
 *
 * <p>A topology file lists {@code nodes} (each {@code name}, optional {@code cpuGHz}) and {@code links}
 * (each {@code a}, {@code b} as node index or name, optional {@code rateMBps} [min,max] and
 * {@code latencyMs}); it must describe a connected graph.
 */
public final class Scenarios {

    public static final List<String> TOPOLOGY_TYPES = List.of("random", "ring", "grid", "file");
    static final int MAX_NODES = 100_000;

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
        return new ScenarioReader(source, values, fromSet, base).scenario();
    }

    static YAMLMapper yamlMapper() {
        YAMLMapper mapper = new YAMLMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }

    static void flatten(String prefix, ObjectNode node, Map<String, JsonNode> into) {
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
}
