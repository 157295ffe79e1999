package org.example.ledrl.advisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;

/**
 * The advice service's wire format. A request names the asking node, the task and its candidates; an answer
 * scores candidates in [0,1], may name nodes to avoid, and picks a strategy:
 * <pre>{@code
 * {"scores": {"3": 0.9, "5": 0.2}, "avoid": [5], "strategy": "SPREAD", "why": "node 3 is idle"}
 * }</pre>
 * Anything else is refused with one of the reasons {@code not JSON}, {@code missing scores}, {@code unknown node},
 * {@code score out of range}, {@code unknown strategy}. Stateless.
 */
final class AdviceCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdviceCodec() {
    }

    static String request(Observation o) {
        ObjectNode root = JSON.createObjectNode();
        root.put("node", o.agent());
        ObjectNode task = root.putObject("task");
        task.put("sizeKB", o.task().sizeKB());
        task.put("deadlineS", o.task().deadlineS());
        task.put("type", o.task().type());
        ArrayNode candidates = root.putArray("candidates");
        for (Candidate c : o.candidates()) {
            ObjectNode n = candidates.addObject();
            n.put("node", c.node());
            n.put("up", c.available());
            n.put("cpuGHz", c.status().cpuGHz());
            n.put("queueSeconds", c.status().queueSeconds());
            n.put("hops", c.hops());
        }
        return root.toString();
    }

    static StrategyPrior answer(String body, Observation o, long issuedMillis) throws Refused {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Refused("not JSON", e.getOriginalMessage());
        }
        if (root == null || !root.path("scores").isObject()) {
            throw new Refused("missing scores", "the answer has no \"scores\" object");
        }
        Set<Integer> avoid = new HashSet<>();
        for (JsonNode n : root.path("avoid")) {
            avoid.add(candidate(n.asText(), o));
        }
        List<NodePreference> preferences = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> scores = root.get("scores").fields();
        while (scores.hasNext()) {
            Map.Entry<String, JsonNode> e = scores.next();
            int node = candidate(e.getKey(), o);
            double score = e.getValue().asDouble(Double.NaN);
            if (!e.getValue().isNumber() || !(score >= 0 && score <= 1)) {
                throw new Refused("score out of range", "node " + node + " scored " + e.getValue() + ", not in [0,1]");
            }
            preferences.add(new NodePreference(node, score, avoid.contains(node)));
        }
        GlobalStrategy strategy;
        try {
            strategy = GlobalStrategy.valueOf(root.path("strategy").asText("SPREAD"));
        } catch (IllegalArgumentException e) {
            throw new Refused("unknown strategy", root.path("strategy").asText());
        }
        return new StrategyPrior(o.agent(), preferences, strategy, root.path("why").asText(""), "advisor",
                issuedMillis);
    }

    private static int candidate(String id, Observation o) throws Refused {
        int node;
        try {
            node = Integer.parseInt(id.trim());
        } catch (NumberFormatException e) {
            throw new Refused("unknown node", "'" + id + "' is not a node id");
        }
        if (o.indexOf(node) < 0) {
            throw new Refused("unknown node", "node " + node + " is not a candidate of node " + o.agent());
        }
        return node;
    }
}
