package org.ledrl.telemetry.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.api.telemetry.TelemetrySource;

class LastWillTest {

    private static TelemetrySource local(List<NodeStatus> nodes) {
        return new TelemetrySource() {
            @Override
            public String name() {
                return "local";
            }

            @Override
            public TelemetrySnapshot snapshot() {
                return new TelemetrySnapshot("local", nodes, List.of(), 1);
            }
        };
    }

    @Test
    void theWillSaysTheFirstLocalNodeIsDownAndReadsAsValidStatus() throws Exception {
        StatusTopics topics = new StatusTopics("ledrl/v1");
        StatusPayload payloads = new StatusPayload();
        NodeStatus up = new NodeStatus(4, Health.UP, 2.5, 0.3, 1, 0.2, 0.4, Double.NaN, 50, 0, 1_000);
        LastWill will = new LastWill();
        MqttConnectOptions options = will.arm(new MqttConnectOptions(), local(List.of(up)), topics, payloads, "gw-4", 1,
                5_000);

        assertEquals("ledrl/v1/node/4/status", options.getWillDestination());
        assertEquals(1, options.getWillMessage().getQos());
        assertFalse(options.getWillMessage().isRetained(), "a retained will would outlive the gateway's return");
        StatusPayload.Message message = payloads.decode(topics.parse(options.getWillDestination()),
                options.getWillMessage().getPayload(), 9_000);
        assertEquals(Health.DOWN, message.node().health());
        assertEquals(4, message.node().node());
        assertEquals("gw-4", message.origin());
        assertTrue(new String(options.getWillMessage().getPayload(), StandardCharsets.UTF_8).contains("\"DOWN\""));
        assertTrue(will.armedFor(local(List.of(up))));
        assertFalse(will.armedFor(local(List.of(new NodeStatus(5, Health.UP, 2.5, 0.3, 1, 0.2, 0.4, Double.NaN, 50, 0,
                1_000)))), "another node needs a new connection with its own will");
    }

    @Test
    void withoutALocalNodeThereIsNoWill() {
        MqttConnectOptions options = new LastWill().arm(new MqttConnectOptions(), local(List.of()),
                new StatusTopics("ledrl/v1"), new StatusPayload(), "gw", 0, 1);
        assertNull(options.getWillDestination());
    }
}
