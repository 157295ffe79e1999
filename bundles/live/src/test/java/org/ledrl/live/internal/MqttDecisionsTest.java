package org.ledrl.live.internal;

import org.ledrl.telemetry.Mosquitto;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ledrl.live.internal.Statuses.link;
import static org.ledrl.live.internal.Statuses.node;
import static org.ledrl.live.internal.Statuses.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.Observation;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.runtime.DecisionService;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.telemetry.Await;
import org.ledrl.telemetry.TestConfigs;

/** Decision and outcome requests over a real Mosquitto broker on 127.0.0.1, as a gateway sends them. */
class MqttDecisionsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path work;
    private Mosquitto broker;
    private MqttDecisions bridge;
    private MqttClient gateway;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final ObjectMapper mapper = new ObjectMapper();

    /** Sends every task to the available neighbour with the lowest id, else keeps it. */
    private static final DecisionService FIRST_NEIGHBOUR = new DecisionService() {
        @Override
        public Decision decide(Observation observation) {
            for (Candidate c : observation.candidates().subList(1, observation.candidates().size())) {
                if (c.available()) {
                    return Decision.of(c.node(), "first-neighbour");
                }
            }
            return Decision.of(observation.agent(), "first-neighbour");
        }

        @Override
        public String activePolicy() {
            return "first-neighbour";
        }
    };

    @BeforeEach
    void start() throws Exception {
        broker = new Mosquitto(work);
        PolicyRegistry registry = new PolicyRegistry() {
            @Override
            public List<String> names() {
                return List.of("first-neighbour");
            }

            @Override
            public Optional<OffloadingPolicy> find(String name) {
                return Optional.empty();
            }
        };
        LiveRuntimeComponent runtime = new LiveRuntimeComponent(FIRST_NEIGHBOUR, registry,
                TestConfigs.of(LiveRuntimeComponent.Config.class, Map.of("localNode", 1, "staleAfterMillis", 600_000L)), System::currentTimeMillis);
        Statuses.Source source = new Statuses.Source();
        long now = System.currentTimeMillis();
        // node 2 down, node 3 up: a request from node 1 goes to 3
        source.snapshot = snapshot(List.of(node(1, Health.UP, 2, 0, now), node(2, Health.DOWN, 2, 0, now),
                node(3, Health.UP, 2, 0, now)), List.of(link(1, 2, Health.UP, 20, now),
                link(1, 3, Health.UP, 20, now)), now);
        runtime.addSource(source);
        bridge = new MqttDecisions(runtime, TestConfigs.of(MqttDecisions.Config.class,
                Map.of("brokerUrl", broker.url(), "reconnectDelayMillis", 50L)));
        Await.until(DEADLINE, "the bridge connects", bridge::isConnected, () -> "not connected");

        gateway = new MqttClient(broker.url(), "gateway-7", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        gateway.connect(options);
        gateway.subscribe(new String[] {"ledrl/v1/decision/reply/gw7", "ledrl/v1/outcome/reply/gw7"}, new int[] {1, 1},
                null);
        gateway.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) throws Exception {
                replies.add(mapper.readTree(message.getPayload()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null && gateway.isConnected()) {
            gateway.disconnect();
        }
        if (bridge != null) {
            bridge.deactivate();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private JsonNode ask(String topic, String payload) throws Exception {
        gateway.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        JsonNode reply = replies.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no reply on the reply topic within " + DEADLINE.toSeconds() + " s to " + payload);
        }
        return reply;
    }

    @Test
    void answersDecisionRequestsOnTheGatewaysReplyTopic() throws Exception {
        JsonNode reply = ask("ledrl/v1/decision/request/gw7",
                "{\"requestId\":\"a-1\",\"sizeKB\":300,\"cyclesPerBit\":1000,\"deadlineS\":4,\"type\":\"video\"}");
        assertEquals("a-1", reply.path("requestId").asText(), reply.toString());
        assertEquals(1, reply.path("origin").asInt(), "no origin: the bridge's own node");
        assertEquals(3, reply.path("target").asInt(), "node 2 is down: " + reply);
        assertEquals("first-neighbour", reply.path("policy").asText());
        assertTrue(reply.path("taskId").asLong() > 0);

        JsonNode accepted = ask("ledrl/v1/outcome/request/gw7", "{\"taskId\":" + reply.path("taskId").asLong()
                + ",\"success\":true,\"latencyS\":0.9}");
        assertTrue(accepted.path("accepted").asBoolean(), accepted.toString());
    }

    @Test
    void answersBadRequestsWithTheFieldAndTheProblem() throws Exception {
        JsonNode reply = ask("ledrl/v1/decision/request/gw7",
                "{\"requestId\":\"a-2\",\"sizeKB\":-5,\"cyclesPerBit\":1000,\"deadlineS\":4}");
        assertEquals("a-2", reply.path("requestId").asText());
        assertEquals("sizeKB", reply.path("field").asText(), reply.toString());
        assertTrue(reply.path("problem").asText().contains("-5"), reply.toString());

        JsonNode unknown = ask("ledrl/v1/outcome/request/gw7", "{\"taskId\":424242,\"success\":true,\"latencyS\":1}");
        assertEquals("taskId", unknown.path("field").asText(), unknown.toString());

        JsonNode garbage = ask("ledrl/v1/decision/request/gw7", "not json at all");
        assertTrue(garbage.path("error").asText().startsWith("the request has the word 'not' where a value is expected"),
                garbage.toString());
        JsonNode cut = ask("ledrl/v1/decision/request/gw7", "{\"sizeKB\": 3");
        assertEquals("the request ends before the JSON object is closed, at character 12", cut.path("error").asText(),
                cut.toString());
        JsonNode trailing = ask("ledrl/v1/decision/request/gw7", "{\"sizeKB\":3,\"cyclesPerBit\":1000,\"deadlineS\":4}{}");
        assertTrue(trailing.path("error").asText().startsWith("unexpected content after the JSON value"),
                trailing.toString());
    }

    @Test
    void keepsAnsweringAfterTheBrokerRestarts() throws Exception {
        broker.restart();
        Await.until(DEADLINE, "the bridge reconnects", bridge::isConnected, () -> "not connected");
        gateway.reconnect();
        Await.until(DEADLINE, "the gateway reconnects", gateway::isConnected, () -> "not connected");
        gateway.subscribe(new String[] {"ledrl/v1/decision/reply/gw7"}, new int[] {1});
        JsonNode reply = ask("ledrl/v1/decision/request/gw7", "{\"sizeKB\":100,\"computeSeconds\":0.5,\"deadlineS\":2}");
        assertEquals(3, reply.path("target").asInt(), reply.toString());
    }
}
