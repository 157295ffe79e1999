package org.ledrl.sim;

import org.ledrl.json.InputErrors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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

/** Reads and checks a topology file. */
final class TopologyFile {

    private TopologyFile() {
    }

    static Topology read(Path file, String scenarioKey) throws ScenarioException {
        String source = file.toString();
        JsonNode root;
        try {
            root = Scenarios.yamlMapper().readTree(Files.readString(file));
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
            if (!seen.add((long) Math.min(a, b) * Scenarios.MAX_NODES + Math.max(a, b))) {
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
