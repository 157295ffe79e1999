package org.ledrl.emulate.internal.gateway;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's MQTT connection for tasks and results (telemetry has its own, in the mqtt telemetry
 * adapter). Topics under the run's prefix: {@code <prefix>/task/<node>} (task inputs for a node),
 * {@code <prefix>/result/<node>} (results for a task's origin), {@code <prefix>/start} (the run's start time,
 * retained). Clean session, reconnected automatically and subscribed again after each connect. Received
 * messages are handed to {@code handler} on the given executor, never handled on the client's thread.
 * At most {@value #MAX_WAITING_MESSAGES} received messages wait for the handler; more are dropped and counted (a
 * task dropped so ends by its origin's timeout). Publications never wait; one that cannot be sent (no connection,
 * or Paho's limit of 1000 in flight) is counted as lost.
 */
final class GatewayMqtt implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMqtt.class);
    private static final int QOS = 1;
    /** Received messages waiting for the handler thread; a message beyond that is dropped and counted. */
    static final int MAX_WAITING_MESSAGES = 1024;

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final String prefix;
    private final int node;
    private final ExecutorService handlers;
    private final BiConsumer<String, byte[]> handler;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private static final long RETRY_MILLIS = 5000;
    private volatile long lastAttempt = System.currentTimeMillis();

    GatewayMqtt(String brokerUrl, String prefix, int node, ExecutorService handlers, BiConsumer<String, byte[]> handler)
            throws MqttException {
        this.prefix = prefix;
        this.node = node;
        this.handlers = handlers;
        this.handler = handler;
        this.client = new MqttAsyncClient(brokerUrl, "ledrl-emulate-" + node + "-" + ProcessHandle.current().pid(),
                new MemoryPersistence());
        options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(1000);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(2);
        options.setMaxInflight(1000);
        client.setCallback(new Callback());
    }

    String taskTopic(int target) {
        return prefix + "/task/" + target;
    }

    String resultTopic(int origin) {
        return prefix + "/result/" + origin;
    }

    String startTopic() {
        return prefix + "/start";
    }

    /** Connects, retrying in the background until the broker answers. */
    void connect() {
        try {
            client.connect(options);
        } catch (MqttException e) {
            LOG.warn("Emulated gateway {}: cannot connect to {}: {}", node, client.getServerURI(), e.toString());
        }
    }

    boolean connected() {
        return client.isConnected();
    }

    /**
     * Connects again when the first connection never came up (Paho's automatic reconnect only covers a
     * connection that was up); at most every {@value #RETRY_MILLIS} ms.
     */
    void retry() {
        long now = System.currentTimeMillis();
        if (client.isConnected() || now - lastAttempt < RETRY_MILLIS) {
            return;
        }
        lastAttempt = now;
        try {
            client.connect(options);
        } catch (MqttException e) {
            LOG.debug("Emulated gateway {}: connecting again: {}", node, e.toString());
        }
    }

    /** Sends without waiting; false (and counted) when there is no connection. */
    boolean publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, QOS, false);
            return true;
        } catch (MqttException | RuntimeException e) {
            lost.incrementAndGet();
            LOG.debug("Emulated gateway {}: publish on {} failed: {}", node, topic, e.toString());
            return false;
        }
    }

    long lost() {
        return lost.get();
    }

    /** Received messages dropped because {@value #MAX_WAITING_MESSAGES} were already waiting. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(500).waitForCompletion(1000);
            }
        } catch (MqttException e) {
            LOG.debug("Emulated gateway {}: disconnect failed: {}", node, e.toString());
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("Emulated gateway {}: close failed: {}", node, e.toString());
            }
        }
    }

    private final class Callback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            try {
                client.subscribe(new String[] {taskTopic(node), resultTopic(node), startTopic()},
                        new int[] {QOS, QOS, QOS});
                LOG.info("Emulated gateway {} {} to {}", node, reconnect ? "reconnected" : "connected", serverUri);
            } catch (MqttException e) {
                LOG.warn("Emulated gateway {}: subscribing failed: {}", node, e.toString());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("Emulated gateway {} lost its broker connection: {}; reconnecting", node, String.valueOf(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            try {
                handlers.execute(() -> handler.accept(topic, payload));
            } catch (RuntimeException e) {
                dropped.incrementAndGet();
                LOG.debug("Emulated gateway {}: message on {} dropped: {}", node, topic, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // sent and forgotten: the origin's timeout covers a task that never arrives
        }
    }
}
