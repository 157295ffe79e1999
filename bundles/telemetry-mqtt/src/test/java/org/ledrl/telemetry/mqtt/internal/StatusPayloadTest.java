package org.ledrl.telemetry.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.telemetry.MalformedTelemetryException;

class StatusPayloadTest {

    private final StatusPayload payloads = new StatusPayload();
    private final StatusTopics topics = new StatusTopics("ledrl/v1");

    private StatusPayload.Message decode(String topic, String json) throws MalformedTelemetryException {
        return payloads.decode(topics.parse(topic), json.getBytes(StandardCharsets.UTF_8), 777);
    }

    private String kindOf(String topic, String json) {
        return assertThrows(MalformedTelemetryException.class, () -> decode(topic, json)).kind();
    }

    @Test
    void nodeStatusRoundTripsWithUnmeasuredValuesAsNull() throws Exception {
        NodeStatus sent = new NodeStatus(3, Health.UP, 1.9, 0.42, 2, Double.NaN, 0.61, Double.NaN, 48.5, 1, 123);
        byte[] json = payloads.encode(sent, "gw-a", 1000);

        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"v\":1"), text);
        assertTrue(text.contains("\"gpuLoad\":null"), text);

        StatusPayload.Message message = payloads.decode(topics.parse(topics.node(3)), json, 777);
        assertEquals("gw-a", message.origin());
        assertNull(message.link());
        assertEquals(new NodeStatus(3, Health.UP, 1.9, 0.42, 2, Double.NaN, 0.61, Double.NaN, 48.5, 1, 777), message.node(),
                "received status is stamped with the arrival time");
    }

    @Test
    void linkStatusRoundTrips() throws Exception {
        LinkStatus sent = new LinkStatus(4, 1, Health.DOWN, 0, 3.5, 2, 5);
        StatusPayload.Message message = payloads.decode(topics.parse(topics.link(4, 1)), payloads.encode(sent, "gw", 9), 777);
        assertEquals(new LinkStatus(1, 4, Health.DOWN, 0, 3.5, 2, 777), message.link());
        assertEquals("ledrl/v1/link/1-4/status", topics.link(4, 1));
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingMeasurementsAreUnknown() throws Exception {
        NodeStatus node = decode("ledrl/v1/node/2/status", "{\"v\":1,\"node\":2,\"health\":\"UP\",\"fanRpm\":3000}").node();
        assertEquals(Health.UP, node.health());
        assertTrue(Double.isNaN(node.cpuLoad()));
        assertEquals(0, node.queueLength());
    }

    @Test
    void malformedPayloadsAreRejectedByKind() {
        String topic = "ledrl/v1/node/2/status";
        assertEquals("not JSON", kindOf(topic, "{\"v\":1,\"node\":2,"));
        assertEquals("wrong shape", kindOf(topic, "[1,2,3]"));
        assertEquals("wrong shape", kindOf(topic, "{\"node\":2,\"health\":\"UP\"}"));
        assertEquals("unsupported version", kindOf(topic, "{\"v\":2,\"node\":2,\"health\":\"UP\"}"));
        assertEquals("wrong shape", kindOf(topic, "{\"v\":1,\"node\":\"two\",\"health\":\"UP\"}"));
        assertEquals("wrong shape", kindOf(topic, "{\"v\":1,\"node\":2,\"health\":\"FINE\"}"));
        assertEquals("wrong shape", kindOf(topic, "{\"v\":1,\"node\":2,\"health\":\"UP\",\"cpuLoad\":\"high\"}"));
        assertEquals("NaN or infinite value", kindOf(topic, "{\"v\":1,\"node\":2,\"health\":\"UP\",\"cpuLoad\":NaN}"));
        assertEquals("value out of range", kindOf(topic, "{\"v\":1,\"node\":2,\"health\":\"UP\",\"memoryLoad\":1.5}"));
        assertEquals("topic and payload disagree", kindOf(topic, "{\"v\":1,\"node\":5,\"health\":\"UP\"}"));
        assertEquals("unknown topic", kindOf("ledrl/v1/node/x/status", "{}"));
        assertEquals("unknown topic", kindOf("ledrl/v1/gateway/a/status", "{}"));
    }

    @Test
    void theRejectNamesFieldAndValue() {
        MalformedTelemetryException error = assertThrows(MalformedTelemetryException.class,
                () -> decode("ledrl/v1/node/2/status", "{\"v\":1,\"node\":2,\"health\":\"UP\",\"cpuLoad\":Infinity}"));
        assertEquals("field 'cpuLoad' is Infinity; an unmeasured value must be null", error.getMessage());
    }
}
