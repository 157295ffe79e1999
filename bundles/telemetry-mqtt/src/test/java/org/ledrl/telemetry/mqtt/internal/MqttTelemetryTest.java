package org.ledrl.telemetry.mqtt.internal;

import org.ledrl.telemetry.Mosquitto;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.api.telemetry.TelemetrySource;
import org.ledrl.telemetry.Await;
import org.ledrl.telemetry.TestConfigs;

class MqttTelemetryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A gateway's local source (proc or tegrastats in service): the status it is told to have. */
    private static final class LocalHost implements TelemetrySource {
        final AtomicReference<NodeStatus> status;

        LocalHost(int node, double cpuLoad) {
            status = new AtomicReference<>(status(node, cpuLoad));
        }

        static NodeStatus status(int node, double cpuLoad) {
            return new NodeStatus(node, Health.UP, 1.5, cpuLoad, 1, Double.NaN, 0.3, Double.NaN, 41.0, 0,
                    System.currentTimeMillis());
        }

        @Override
        public String name() {
            return "local";
        }

        @Override
        public TelemetrySnapshot snapshot() {
            NodeStatus node = status.get();
            return new TelemetrySnapshot("local", List.of(node),
                    List.of(new LinkStatus(node.node(), 9, Health.UP, 20.0, 2.0, 0, node.timestampMillis())),
                    System.currentTimeMillis());
        }
    }

    private static MqttTelemetry.Config config(String url, String clientId, Map<String, Object> settings) {
        Map<String, Object> values = new HashMap<>(Map.of("brokerUrl", url, "clientId", clientId,
                "topicPrefix", "test/ledrl/v1", "publishPeriodMillis", 100L, "reconnectDelayMillis", 100L,
                "maxReconnectDelayMillis", 1_000L, "staleAfterMillis", 10_000L, "keepAliveSeconds", 2));
        values.putAll(settings);
        return TestConfigs.of(MqttTelemetry.Config.class, values);
    }

    private static MqttTelemetry gateway(String url, String clientId, TelemetrySource local) throws Exception {
        MqttTelemetry gateway = new MqttTelemetry(config(url, clientId, Map.of()));
        gateway.bindLocalSource(local);
        return gateway;
    }

    private static Optional<NodeStatus> seen(MqttTelemetry gateway, int node) {
        return gateway.snapshot().nodes().stream().filter(status -> status.node() == node).findFirst();
    }

    private static boolean sees(MqttTelemetry gateway, int node, double cpuLoad) {
        return seen(gateway, node).filter(s -> s.health() == Health.UP && s.cpuLoad() == cpuLoad).isPresent();
    }

    @Test
    void statusFlowsBetweenTwoGatewaysAndResumesAfterABrokerRestart() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir)) {
            LocalHost hostA = new LocalHost(1, 0.10);
            LocalHost hostB = new LocalHost(2, 0.20);
            MqttTelemetry a = gateway(broker.url(), "gw-a", hostA);
            MqttTelemetry b = gateway(broker.url(), "gw-b", hostB);
            try {
                Await.until(DEADLINE, "each gateway sees the other and its link",
                        () -> sees(a, 2, 0.20) && sees(b, 1, 0.10) && a.snapshot().links().stream().anyMatch(l -> l.connects(2, 9)),
                        () -> a.snapshot() + " / " + b.snapshot());
                assertFalse(seen(a, 1).isPresent(), "a gateway's own publications are not relayed back to it");
                LinkStatus link = a.snapshot().links().stream().filter(l -> l.connects(2, 9)).findFirst().orElseThrow();
                assertEquals(20.0, link.rateMBps());

                hostB.status.set(LocalHost.status(2, 0.55));
                Await.until(DEADLINE, "a change on B reaches A", () -> sees(a, 2, 0.55), a::snapshot);

                broker.restart();
                Await.until(DEADLINE, "both reconnect", () -> a.isConnected() && b.isConnected(), broker::url);
                hostB.status.set(LocalHost.status(2, 0.77));
                hostA.status.set(LocalHost.status(1, 0.66));
                Await.until(DEADLINE, "status flows again after the restart, both ways",
                        () -> sees(a, 2, 0.77) && sees(b, 1, 0.66), () -> a.snapshot() + " / " + b.snapshot());
                assertEquals(0, a.rejects().total() + b.rejects().total());

                b.deactivate();
                Await.until(DEADLINE, "a gateway that stops is unknown to its peers at once",
                        () -> seen(a, 2).map(s -> s.health() == Health.UNKNOWN).orElse(false), a::snapshot);
            } finally {
                a.deactivate();
                b.deactivate();
            }
        }
    }

    @Test
    void malformedPayloadsOnTheBrokerAreCountedNotStored() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir)) {
            MqttTelemetry a = gateway(broker.url(), "gw-a", new LocalHost(1, 0.1));
            MqttClient rogue = new MqttClient(broker.url(), "rogue", new MemoryPersistence());
            try {
                Await.until(DEADLINE, "gateway connected", a::isConnected, () -> "not connected");
                rogue.connect();
                Map<String, String> bad = Map.of(
                        "test/ledrl/v1/node/50/status", "not json at all",
                        "test/ledrl/v1/node/51/status", "[\"wrong\",\"shape\"]",
                        "test/ledrl/v1/node/52/status", "{\"v\":1,\"node\":52,\"health\":\"UP\",\"cpuLoad\":NaN}",
                        "test/ledrl/v1/node/53/status", "{\"v\":7,\"node\":53,\"health\":\"UP\"}",
                        "test/ledrl/v1/node/54/status", "{\"v\":1,\"node\":99,\"health\":\"UP\"}",
                        "test/ledrl/v1/link/5-x/status", "{\"v\":1,\"a\":5,\"b\":6,\"health\":\"UP\"}");
                for (Map.Entry<String, String> message : bad.entrySet()) {
                    rogue.publish(message.getKey(), message.getValue().getBytes(StandardCharsets.UTF_8), 1, false);
                }
                rogue.publish("test/ledrl/v1/node/55/status",
                        "{\"v\":1,\"node\":55,\"health\":\"DOWN\",\"cpuLoad\":null}".getBytes(StandardCharsets.UTF_8), 1, false);

                Await.until(DEADLINE, "every message arrived", () -> a.rejects().total() == 6 && seen(a, 55).isPresent(),
                        () -> a.rejects().counts());
                assertEquals(Map.of("not JSON", 1L, "wrong shape", 1L, "NaN or infinite value", 1L,
                        "unsupported version", 1L, "topic and payload disagree", 1L, "unknown topic", 1L),
                        a.rejects().counts());
                assertEquals(List.of(55), a.snapshot().nodes().stream().map(NodeStatus::node).toList(),
                        "only the well-formed status is stored");
                assertEquals(Health.DOWN, seen(a, 55).orElseThrow().health());
                assertTrue(a.isConnected(), "garbage does not cost the connection");
            } finally {
                rogue.disconnect();
                rogue.close();
                a.deactivate();
            }
        }
    }

    @Test
    void receivedStatusTurnsUnknownWhenNotRefreshed() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        MqttTelemetry a = new MqttTelemetry(config("tcp://127.0.0.1:1", "gw-a", Map.of("staleAfterMillis", 500L)), now::get);
        StatusPayload payloads = new StatusPayload();
        NodeStatus remote = LocalHost.status(3, 0.4);

        a.receive("test/ledrl/v1/node/3/status", payloads.encode(remote, "gw-c", 1));
        a.receive("test/ledrl/v1/node/4/status", payloads.encode(LocalHost.status(4, 0.9), "gw-a", 1));

        assertEquals(List.of(3), a.snapshot().nodes().stream().map(NodeStatus::node).toList(), "own echo skipped");
        assertEquals(Health.UP, seen(a, 3).orElseThrow().health());
        assertEquals(1_000, seen(a, 3).orElseThrow().timestampMillis(), "stamped on arrival, on this clock");
        now.addAndGet(501);
        assertEquals(Health.UNKNOWN, seen(a, 3).orElseThrow().health());
        assertEquals(0.4, seen(a, 3).orElseThrow().cpuLoad());
        a.deactivate();
    }

    @Test
    void badConfigurationIsRefusedWithTheKey() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> new MqttTelemetry(config("http://broker", "x", Map.of()), () -> 0));
        assertTrue(url.getMessage().startsWith("Configuration org.ledrl.telemetry.mqtt: brokerUrl 'http://broker'"),
                url.getMessage());

        IllegalArgumentException qos = assertThrows(IllegalArgumentException.class,
                () -> new MqttTelemetry(config("tcp://h:1883", "x", Map.of("qos", 3)), () -> 0));
        assertEquals("Configuration org.ledrl.telemetry.mqtt: qos must be 0, 1 or 2, was 3", qos.getMessage());

        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> new MqttTelemetry(config("tcp://h:1883", "x", Map.of("topicPrefix", "a/#")), () -> 0));
        assertEquals("Configuration org.ledrl.telemetry.mqtt: topic prefix must be non-empty and free of wildcards, was 'a/#'",
                prefix.getMessage());
    }

    @Test
    void aValidStatusOfNode2147483647IsRefusedAndCountedNeverANode() throws Exception {
        MqttTelemetry a = new MqttTelemetry(config("tcp://127.0.0.1:1", "gw-a", Map.of()), () -> 1_000);
        StatusPayload payloads = new StatusPayload();
        a.receive("test/ledrl/v1/node/2147483647/status", payloads.encode(LocalHost.status(Integer.MAX_VALUE, 0.4),
                "gw-c", 1));
        a.receive("test/ledrl/v1/link/3-2147483647/status", payloads.encode(new LinkStatus(3, Integer.MAX_VALUE,
                Health.UP, 20.0, 2.0, 0, 1), "gw-c", 1));
        assertTrue(a.snapshot().nodes().isEmpty(), "no node");
        assertTrue(a.snapshot().links().isEmpty(), "no link");
        assertEquals(2, a.rejects().count(org.ledrl.telemetry.StatusBoard.NODE_OUT_OF_RANGE));
        Map<String, org.ledrl.api.health.BufferStatus> buffers = new HashMap<>();
        a.buffers().forEach(b -> buffers.put(b.name(), b));
        assertEquals(new org.ledrl.api.health.BufferStatus("telemetry-mqtt.nodes", 0, 4096, 1),
                buffers.get("telemetry-mqtt.nodes"));
        assertEquals(1, buffers.get("telemetry-mqtt.links").dropped());
        a.deactivate();
    }

    @Test
    void aMillionStatusMessagesKeepTheNodeTableWithinMaxNodeIdAndMaxLinks() throws Exception {
        MqttTelemetry a = new MqttTelemetry(config("tcp://127.0.0.1:1", "gw-a", Map.of("maxNodeId", 255, "maxLinks", 300)),
                () -> 1_000);
        StatusPayload payloads = new StatusPayload();
        java.util.Random random = new java.util.Random(11);
        long outOfRange = 0;
        long linksRefused = 0;
        java.util.Set<String> kept = new java.util.HashSet<>();
        int sent = 1_000_000;
        for (int i = 0; i < sent / 2; i++) {
            int node = random.nextInt(1024);
            a.receive("test/ledrl/v1/node/" + node + "/status", payloads.encode(LocalHost.status(node, 0.4), "gw-c", 1));
            outOfRange += node > 255 ? 1 : 0;
            int x = random.nextInt(1024);
            int y = (x + 1 + random.nextInt(1023)) % 1024;
            int lo = Math.min(x, y);
            int hi = Math.max(x, y);
            a.receive("test/ledrl/v1/link/" + lo + "-" + hi + "/status",
                    payloads.encode(new LinkStatus(lo, hi, Health.UP, 20.0, 2.0, 0, 1), "gw-c", 1));
            if (hi > 255 || (kept.size() >= 300 && !kept.contains(lo + "-" + hi))) {
                linksRefused++;
            } else {
                kept.add(lo + "-" + hi);
            }
            if (i % 10_000 == 0) {
                assertTrue(a.buffers().stream().allMatch(org.ledrl.api.health.BufferStatus::withinBound));
            }
        }
        Map<String, org.ledrl.api.health.BufferStatus> buffers = new HashMap<>();
        a.buffers().forEach(b -> buffers.put(b.name(), b));
        org.ledrl.api.health.BufferStatus nodes = buffers.get("telemetry-mqtt.nodes");
        org.ledrl.api.health.BufferStatus links = buffers.get("telemetry-mqtt.links");
        assertEquals(256, nodes.size());
        assertEquals(outOfRange, nodes.dropped());
        assertEquals(300, links.size());
        assertEquals(linksRefused, links.dropped(), "every link beyond the bounds counted");
        assertEquals(nodes.dropped() + links.dropped(), a.rejects().total(), "and each refusal went to the reject log");
        a.deactivate();
    }
}
