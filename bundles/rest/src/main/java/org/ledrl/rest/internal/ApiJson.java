package org.ledrl.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.health.PlatformProblem;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.plugin.PluginProblem;
import org.ledrl.live.Activity;
import org.ledrl.live.LiveLink;
import org.ledrl.live.LiveNetwork;
import org.ledrl.live.LiveNode;
import org.ledrl.live.LiveRuntime;

/**
 * The JSON of the read-only resources (nodes, policies, health), as openapi.json describes them.
 * Decisions, outcomes and errors are written by {@link org.ledrl.live.LiveJson}, shared with MQTT.
 * An unmeasured value is {@code null}: JSON has no NaN.
 */
final class ApiJson {

    private final ObjectMapper mapper = new ObjectMapper();

    String nodes(LiveNetwork network) {
        ObjectNode json = mapper.createObjectNode();
        json.put("localNode", network.localNode());
        json.put("timestampMillis", network.timestampMillis());
        ArrayNode nodes = json.putArray("nodes");
        for (LiveNode node : network.nodes()) {
            NodeStatus s = node.status();
            ObjectNode n = nodes.addObject();
            n.put("id", s.node());
            n.put("health", s.health().name());
            n.put("stale", node.stale());
            n.put("local", node.local());
            number(n, "cpuGHz", s.cpuGHz());
            number(n, "cpuLoad", s.cpuLoad());
            n.put("queueLength", s.queueLength());
            number(n, "queueSeconds", s.queueSeconds());
            number(n, "memoryLoad", s.memoryLoad());
            number(n, "gpuLoad", s.gpuLoad());
            number(n, "temperatureC", s.temperatureC());
            n.put("recentFailures", s.recentFailures());
            n.put("timestampMillis", s.timestampMillis());
            ArrayNode neighbours = n.putArray("neighbours");
            node.neighbours().forEach(neighbours::add);
            StrategyPrior prior = node.prior();
            if (prior.isNone()) {
                n.putNull("prior");
            } else {
                ObjectNode p = n.putObject("prior");
                p.put("strategy", prior.strategy().name());
                p.put("model", prior.model());
                p.put("issuedMillis", prior.issuedMillis());
                p.put("rationale", prior.rationale());
            }
        }
        ArrayNode links = json.putArray("links");
        for (LiveLink link : network.links()) {
            LinkStatus s = link.status();
            ObjectNode l = links.addObject();
            l.put("a", s.a());
            l.put("b", s.b());
            l.put("health", s.health().name());
            l.put("stale", link.stale());
            l.put("configured", link.configured());
            number(l, "rateMBps", s.rateMBps());
            number(l, "latencyMs", s.latencyMs());
            l.put("recentFailures", s.recentFailures());
        }
        return write(json);
    }

    String policies(String active, List<String> installed) {
        ObjectNode json = mapper.createObjectNode();
        json.put("active", active);
        ArrayNode names = json.putArray("installed");
        installed.forEach(names::add);
        return write(json);
    }

    /**
     * {@code UP} while this gateway's own node is up, a policy decides and no component failed;
     * {@code DEGRADED} otherwise, with the failed and unsatisfied components in {@code problems}; the plugins of
     * {@code deploy/} that do not run as asked (or were rolled back) in {@code plugins}.
     */
    String health(LiveRuntime runtime, List<PlatformProblem> problems, List<PluginProblem> plugins) {
        LiveNetwork network = runtime.network();
        String activePolicy = runtime.activePolicy();
        Activity activity = runtime.activity();
        ObjectNode json = mapper.createObjectNode();
        LiveNode local = network.nodes().stream().filter(LiveNode::local).findFirst().orElse(null);
        boolean up = local != null && local.status().health().isUp() && !"none".equals(activePolicy)
                && problems.isEmpty();
        json.put("status", up ? "UP" : "DEGRADED");
        json.put("activePolicy", activePolicy);
        json.put("activePolicyReason", runtime.activePolicyReason());
        json.put("localNode", network.localNode());
        json.put("localNodeHealth", local == null ? "UNKNOWN" : local.status().health().name());
        json.put("nodes", network.nodes().size());
        json.put("nodesUp", network.nodes().stream().filter(n -> n.status().health().isUp()).count());
        json.put("nodesStale", network.nodes().stream().filter(LiveNode::stale).count());
        number(json, "decisionsPerSecond", activity.decisionsPerSecond());
        number(json, "successRate", activity.successRate());
        number(json, "meanDecisionMicros", activity.meanDecisionMicros());
        json.put("windowSeconds", activity.buckets().size() * activity.bucketSeconds());
        json.put("decisions", activity.decisions());
        json.put("outcomes", activity.outcomes());
        json.put("unreported", activity.unreported());
        ArrayNode bounded = json.putArray("buffers");
        for (BufferStatus buffer : runtime.buffers()) {
            bounded.addObject().put("name", buffer.name()).put("size", buffer.size()).put("bound", buffer.bound())
                    .put("dropped", buffer.dropped());
        }
        ArrayNode failing = json.putArray("problems");
        for (PlatformProblem problem : problems) {
            failing.addObject().put("kind", problem.kind()).put("name", problem.name()).put("reason", problem.reason());
        }
        ArrayNode deployed = json.putArray("plugins");
        for (PluginProblem plugin : plugins) {
            deployed.addObject().put("file", plugin.file()).put("bundle", plugin.bundle())
                    .put("reason", plugin.reason()).put("sinceMillis", plugin.sinceMillis());
        }
        return write(json);
    }

    private static void number(ObjectNode json, String field, double value) {
        if (Double.isFinite(value)) {
            json.put(field, value);
        } else {
            json.putNull(field);
        }
    }

    private String write(ObjectNode json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
