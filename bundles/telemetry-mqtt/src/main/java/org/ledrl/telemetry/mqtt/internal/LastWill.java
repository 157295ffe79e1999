package org.ledrl.telemetry.mqtt.internal;

import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySource;

/**
 * How a gateway leaves: on a clean stop it says goodbye itself ({@link #goodbye}: its nodes {@code UNKNOWN}); for
 * when it cannot, its connection carries a last will: the broker publishes it when the connection ends without a
 * goodbye (the process was killed, the host lost power or network), so that the other gateways see this
 * gateway's node {@code DOWN} at once instead of after {@code staleAfterMillis}. It is this gateway's first
 * local node, as a node status with health {@code DOWN}, on that node's status topic (MQTT allows one will
 * a connection). Set at each connect from the local source bound then; {@link #armedFor} tells whether a
 * source bound later needs a reconnect to get its will.
 */
final class LastWill {

    private volatile int node = -1;

    /** Sets the will of {@code options} for the first node of {@code local}; leaves it when there is none. */
    MqttConnectOptions arm(MqttConnectOptions options, TelemetrySource local, StatusTopics topics,
                           StatusPayload payloads, String clientId, int qos, long now) {
        List<NodeStatus> nodes = local.snapshot().nodes();
        if (nodes.isEmpty()) {
            return options; // nothing to say yet (a will once set stays: MQTT options cannot unset it)
        }
        NodeStatus status = nodes.get(0);
        NodeStatus down = new NodeStatus(status.node(), Health.DOWN, status.cpuGHz(), Double.NaN, 0, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, status.recentFailures(), now);
        options.setWill(topics.node(status.node()), payloads.encode(down, clientId, now), qos, false);
        node = status.node();
        return options;
    }

    /** Whether the current connection's will covers {@code local}'s first node. */
    boolean armedFor(TelemetrySource local) {
        List<NodeStatus> nodes = local.snapshot().nodes();
        return nodes.isEmpty() || nodes.get(0).node() == node;
    }

    /** A clean stop: every local node published {@code UNKNOWN}, so peers need not wait for staleness. */
    void goodbye(MqttClient client, TelemetrySource local, StatusTopics topics, StatusPayload payloads, String clientId,
                 int qos, long now) throws MqttException {
        for (NodeStatus status : local.snapshot().nodes()) {
            client.publish(topics.node(status.node()), payloads.encode(status.stale(), clientId, now), qos, false);
        }
    }
}
