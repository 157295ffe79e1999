package org.ledrl.telemetry.mqtt.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.json.InputErrors;
import org.ledrl.json.StrictJson;
import org.ledrl.telemetry.MalformedTelemetryException;

/**
 * The JSON payload of a status message, version {@value #VERSION}; README.md of this bundle is the
 * reference. A value the sender cannot measure is {@code null} (JSON has no NaN). Decoding checks
 * the shape strictly (types, ranges, finite numbers, the topic's ids) and ignores fields it does
 * not know, so that senders can add fields without a new version.
 */
final class StatusPayload {

    static final int VERSION = 1;

    /**
     * Strict (one object, nothing after it, no key twice), but a NaN or Infinity token is read so
     * that it is reported as such, not as broken JSON.
     */
    private final ObjectMapper mapper = StrictJson.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** A decoded message: exactly one of node or link is set, the other is null. */
    record Message(String origin, NodeStatus node, LinkStatus link) {
    }

    byte[] encode(NodeStatus status, String origin, long sentAtMillis) {
        ObjectNode json = header("node", origin, sentAtMillis);
        json.put("node", status.node());
        json.put("health", status.health().name());
        number(json, "cpuGHz", status.cpuGHz());
        number(json, "cpuLoad", status.cpuLoad());
        json.put("queueLength", status.queueLength());
        number(json, "queueSeconds", status.queueSeconds());
        number(json, "memoryLoad", status.memoryLoad());
        number(json, "gpuLoad", status.gpuLoad());
        number(json, "temperatureC", status.temperatureC());
        json.put("recentFailures", status.recentFailures());
        return bytes(json);
    }

    byte[] encode(LinkStatus status, String origin, long sentAtMillis) {
        ObjectNode json = header("link", origin, sentAtMillis);
        json.put("a", status.a());
        json.put("b", status.b());
        json.put("health", status.health().name());
        number(json, "rateMBps", status.rateMBps());
        number(json, "latencyMs", status.latencyMs());
        json.put("recentFailures", status.recentFailures());
        return bytes(json);
    }

    /**
     * Decodes a payload received on a topic addressing {@code address}, stamping it with
     * {@code receivedMillis}: staleness is judged on the receiver's clock, as gateways' clocks may
     * disagree.
     */
    Message decode(StatusTopics.Address address, byte[] payload, long receivedMillis) throws MalformedTelemetryException {
        JsonNode json;
        try {
            json = mapper.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new MalformedTelemetryException("not JSON", InputErrors.describe(e, "the payload"));
        }
        if (json == null || !json.isObject()) {
            throw new MalformedTelemetryException("wrong shape", "payload is not a JSON object: " + abbreviate(payload));
        }
        JsonNode version = json.get("v");
        if (version == null || !version.isInt()) {
            throw new MalformedTelemetryException("wrong shape", "payload has no integer version field 'v'");
        }
        if (version.intValue() != VERSION) {
            throw new MalformedTelemetryException("unsupported version",
                    "payload version " + version.intValue() + " is not " + VERSION);
        }
        String origin = json.path("origin").asText("");
        Health health = health(json);
        if (address.link()) {
            int a = integer(json, "a");
            int b = integer(json, "b");
            if (Math.min(a, b) != Math.min(address.a(), address.b()) || Math.max(a, b) != Math.max(address.a(), address.b())) {
                throw new MalformedTelemetryException("topic and payload disagree",
                        "payload is about link " + a + "-" + b + " but was sent on the topic of link " + address.a() + "-"
                                + address.b());
            }
            LinkStatus link = new LinkStatus(a, b, health, measure(json, "rateMBps", 0, Double.MAX_VALUE),
                    measure(json, "latencyMs", 0, Double.MAX_VALUE), count(json, "recentFailures"), receivedMillis);
            return new Message(origin, null, link);
        }
        int node = integer(json, "node");
        if (node != address.a()) {
            throw new MalformedTelemetryException("topic and payload disagree",
                    "payload is about node " + node + " but was sent on the topic of node " + address.a());
        }
        NodeStatus status = new NodeStatus(node, health, measure(json, "cpuGHz", 0, Double.MAX_VALUE),
                measure(json, "cpuLoad", 0, 1), count(json, "queueLength"), measure(json, "queueSeconds", 0, Double.MAX_VALUE),
                measure(json, "memoryLoad", 0, 1), measure(json, "gpuLoad", 0, 1),
                measure(json, "temperatureC", -273.15, Double.MAX_VALUE), count(json, "recentFailures"), receivedMillis);
        return new Message(origin, status, null);
    }

    private ObjectNode header(String kind, String origin, long sentAtMillis) {
        ObjectNode json = mapper.createObjectNode();
        json.put("v", VERSION);
        json.put("kind", kind);
        json.put("origin", origin);
        json.put("sentAtMillis", sentAtMillis);
        return json;
    }

    private static void number(ObjectNode json, String field, double value) {
        if (Double.isFinite(value)) {
            json.put(field, value);
        } else {
            json.putNull(field);
        }
    }

    private byte[] bytes(ObjectNode json) {
        try {
            return mapper.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static Health health(JsonNode json) throws MalformedTelemetryException {
        JsonNode health = json.get("health");
        if (health == null || !health.isTextual()) {
            throw new MalformedTelemetryException("wrong shape", "payload has no text field 'health'");
        }
        try {
            return Health.valueOf(health.textValue());
        } catch (IllegalArgumentException e) {
            throw new MalformedTelemetryException("wrong shape",
                    "health '" + health.textValue() + "' is not one of UP, DOWN, UNKNOWN");
        }
    }

    private static int integer(JsonNode json, String field) throws MalformedTelemetryException {
        JsonNode value = json.get(field);
        if (value == null || !value.isInt() || value.intValue() < 0) {
            throw new MalformedTelemetryException("wrong shape", "field '" + field + "' must be a non-negative integer, was "
                    + value);
        }
        return value.intValue();
    }

    /** An optional counter: missing or null is 0. */
    private static int count(JsonNode json, String field) throws MalformedTelemetryException {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? 0 : integer(json, field);
    }

    /** An optional measurement: missing or null is NaN (unmeasured); otherwise a finite number in range. */
    private static double measure(JsonNode json, String field, double min, double max) throws MalformedTelemetryException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Double.NaN;
        }
        if (!value.isNumber()) {
            throw new MalformedTelemetryException("wrong shape", "field '" + field + "' must be a number or null, was " + value);
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            throw new MalformedTelemetryException("NaN or infinite value",
                    "field '" + field + "' is " + number + "; an unmeasured value must be null");
        }
        if (number < min || number > max) {
            throw new MalformedTelemetryException("value out of range",
                    "field '" + field + "' is " + number + ", outside [" + min + ", " + max + "]");
        }
        return number;
    }

    private static String abbreviate(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
