package org.ledrl.emulate.internal.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT side of a soak: decisions and outcomes over the gateway's MQTT decision topics, and the status of the
 * other nodes and of their links to the gateway, as the {@code mqtt} telemetry adapter of those nodes would send it.
 * Requests waiting for a reply are bounded ({@value #PENDING}); one unanswered for {@value #LOST_AFTER_SECONDS} s
 * is an error. Publishes do not wait for the broker's acknowledgement (a blocking publish per message would pace the
 * load by round trips, and from Paho's callback it would wait for an acknowledgement that Paho's receiver cannot read
 * while the callback queue is full); at most {@value #IN_FLIGHT} await theirs, beyond which a publish is an error.
 */
final class MqttLoad implements MqttCallback, AutoCloseable {

    static final int PENDING = 10_000;
    static final int LOST_AFTER_SECONDS = 10;
    static final int IN_FLIGHT = 4096;
    private static final long WAIT_MILLIS = 10_000;
    private static final String PREFIX = "ledrl/v1/";
    private static final String GATEWAY = "soak";

    private final MqttAsyncClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final double outcomeShare;
    private final Supplier<Tally> tally;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final SplittableRandom random = new SplittableRandom(11);
    private volatile String probeReply = "";
    private final java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(1);

    MqttLoad(String brokerUrl, double outcomeShare, Supplier<Tally> tally) throws MqttException {
        this.outcomeShare = outcomeShare;
        this.tally = tally;
        this.client = new MqttAsyncClient(brokerUrl, "ledrl-soak-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(IN_FLIGHT);
        client.setCallback(this);
        client.connect(options).waitForCompletion(WAIT_MILLIS);
        client.subscribe(new String[] {PREFIX + "decision/reply/" + GATEWAY, PREFIX + "outcome/reply/" + GATEWAY},
                new int[] {1, 1}).waitForCompletion(WAIT_MILLIS);
    }

    /** Sends probe decisions until the gateway answers one: its MQTT decisions connect after it is ready. */
    void awaitAnswering(java.time.Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        for (int probe = 0; System.nanoTime() < end; probe++) {
            publish("decision/request/" + GATEWAY, "{\"requestId\":\"probe-" + probe
                    + "\",\"sizeKB\":300,\"cyclesPerBit\":1200,\"deadlineS\":4}", 1);
            if (answered.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (probeReply.contains("\"error\"")) {
                    throw new IOException("the gateway refused a decision over MQTT: " + probeReply);
                }
                return;
            }
        }
        throw new IOException("the gateway's MQTT decisions did not answer within " + deadline.toSeconds() + " s");
    }

    void sendDecision(int sequence) {
        String id = "m-" + sequence;
        if (pending.size() >= PENDING) {
            tally.get().error("MQTT: more than " + PENDING + " decisions waiting for a reply");
            return;
        }
        pending.put(id, System.nanoTime());
        publish("decision/request/" + GATEWAY, "{\"requestId\":\"" + id + "\",\"sizeKB\":" + (250 + sequence % 250)
                + ",\"cyclesPerBit\":" + (800 + sequence % 1600) + ",\"deadlineS\":4,\"type\":\"soak\"}", 1);
    }

    /** The status of nodes 1..n and of links 0-i, every one up with a little load. */
    void sendTelemetry(int nodes, long second) {
        long now = System.currentTimeMillis();
        for (int node = 1; node <= nodes; node++) {
            double load = 0.2 + 0.1 * ((second + node) % 5);
            publish("node/" + node + "/status", "{\"v\":1,\"kind\":\"node\",\"origin\":\"soak\",\"sentAtMillis\":"
                    + now + ",\"node\":" + node + ",\"health\":\"UP\",\"cpuGHz\":3.0,\"cpuLoad\":" + load
                    + ",\"queueLength\":" + (second + node) % 3 + ",\"recentFailures\":0}", 0);
            publish("link/0-" + node + "/status", "{\"v\":1,\"kind\":\"link\",\"origin\":\"soak\",\"sentAtMillis\":"
                    + now + ",\"a\":0,\"b\":" + node + ",\"health\":\"UP\",\"rateMBps\":" + (10 + 5 * node)
                    + ",\"latencyMs\":3.0,\"recentFailures\":0}", 0);
            tally.get().telemetry.add(2);
        }
    }

    /** Counts as errors the requests unanswered for too long, and forgets them. */
    void expireLost() {
        long limit = System.nanoTime() - LOST_AFTER_SECONDS * 1_000_000_000L;
        for (Iterator<Map.Entry<String, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> entry = it.next();
            if (entry.getValue() < limit) {
                it.remove();
                tally.get().error("MQTT: no reply to " + entry.getKey() + " within " + LOST_AFTER_SECONDS + " s");
            }
        }
    }

    private void publish(String topic, String payload, int qos) {
        try {
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(qos);
            client.publish(PREFIX + topic, message);
        } catch (MqttException e) {
            tally.get().error("MQTT publish on " + topic + ": " + e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Tally now = tally.get();
        JsonNode reply;
        try {
            reply = json.readTree(message.getPayload());
        } catch (IOException e) {
            now.error("MQTT reply on " + topic + " is not JSON");
            return;
        }
        if (reply.path("requestId").asText().startsWith("probe-")) {
            probeReply = reply.toString();
            answered.countDown();
            return;
        }
        if (reply.has("error")) {
            now.error("MQTT " + topic + ": " + reply);
            return;
        }
        if (topic.endsWith("/outcome/reply/" + GATEWAY)) {
            now.outcomes.increment();
            return;
        }
        if (pending.remove(reply.path("requestId").asText()) == null) {
            return; // expired already: counted as an error then
        }
        now.decided(reply.path("decisionMicros").asDouble(-1), reply.path("policy").asText(), false);
        boolean report;
        boolean success;
        synchronized (random) {
            report = random.nextDouble() < outcomeShare;
            success = random.nextDouble() < 0.8;
        }
        if (report) {
            String outcome = "{\"taskId\":" + reply.path("taskId").asLong()
                    + (success ? ",\"success\":true" : ",\"failure\":\"DEADLINE_MISSED\"") + ",\"latencyS\":1.5}";
            publish("outcome/request/" + GATEWAY, outcome, 1);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        tally.get().error("MQTT connection lost: " + cause);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    @Override
    public void close() {
        try {
            // stop what comes in before disconnecting: Paho's receiver can trip over a closing client
            client.unsubscribe(new String[] {PREFIX + "decision/reply/" + GATEWAY, PREFIX + "outcome/reply/" + GATEWAY})
                    .waitForCompletion(WAIT_MILLIS);
            client.disconnect(2000).waitForCompletion(WAIT_MILLIS);
            client.close();
        } catch (MqttException e) {
            // the run is over
        }
    }
}
