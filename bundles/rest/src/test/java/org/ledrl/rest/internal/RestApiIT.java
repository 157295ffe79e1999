package org.ledrl.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.rest.container.FelixContainer;

/**
 * The REST API in a real Felix with Jetty 12, over HTTP on 127.0.0.1: refused without a token,
 * then with a missing or wrong one, valid and invalid requests, and a policy switch under
 * concurrent load with no failed request. Node 0 is this host, measured from /proc; node 1 is
 * declared in the configuration and has no telemetry, so it is unknown.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestApiIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path work;
    private static FelixContainer container;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Reply(int status, JsonNode body, String text) {
    }

    @BeforeAll
    static void start() throws Exception {
        port = FelixContainer.freePort();
        container = new FelixContainer(work, Map.of("org.osgi.service.http.port", String.valueOf(FelixContainer.freePort())),
                Map.of("org.ledrl.rest", Map.of("port", String.valueOf(port)),
                        "org.ledrl.live", Map.of("localNode", "0", "links", "0-1:25:4"),
                        "org.ledrl.telemetry.proc", Map.of("nodeId", "0")));
        FelixContainer.await("the API answers on port " + port, DEADLINE,
                () -> tryCall("GET", "/health", null, null).map(r -> r.status() != 404).orElse(false),
                () -> tryCall("GET", "/health", null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        if (container != null) {
            container.close();
        }
    }

    private static Optional<Reply> tryCall(String method, String path, String token, String json) {
        try {
            return Optional.of(call(method, path, token, json, "application/json"));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Reply call(String method, String path, String token, String json, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (IOException e) {
            body = MAPPER.createObjectNode();
        }
        return new Reply(response.statusCode(), body, response.body());
    }

    private static Reply call(String method, String path, String json) throws IOException, InterruptedException {
        return call(method, path, TOKEN, json, "application/json");
    }

    @Test
    @Order(1)
    void withoutAConfiguredTokenEveryRequestIsRefusedWithHowToSetOne() throws Exception {
        Reply reply = call("GET", "/health", TOKEN, null, null);
        assertEquals(503, reply.status(), reply.text());
        String message = reply.body().path("error").asText();
        assertTrue(message.contains(".token") && message.contains("org.ledrl.rest.cfg"), message);
        assertEquals(503, call("POST", "/decisions", "{\"sizeKB\":1,\"cyclesPerBit\":1,\"deadlineS\":1}").status());
    }

    @Test
    @Order(2)
    void aMissingOrWrongTokenIsRefused() throws Exception {
        container.configure("org.ledrl.rest", Map.of("port", String.valueOf(port), ".token", TOKEN));
        FelixContainer.await("the token applies", DEADLINE,
                () -> tryCall("GET", "/health", TOKEN, null).map(r -> r.status() == 200).orElse(false),
                () -> tryCall("GET", "/health", TOKEN, null));
        Reply missing = call("GET", "/nodes", null, null, null);
        assertEquals(401, missing.status());
        assertTrue(missing.body().path("error").asText().contains("Authorization: Bearer"), missing.text());
        Reply wrong = call("GET", "/nodes", "not-the-token-at-all", null, null);
        assertEquals(401, wrong.status());
        assertTrue(wrong.body().path("error").asText().contains("wrong"), wrong.text());
    }

    @Test
    @Order(3)
    void decidesAndTakesOutcomesBack() throws Exception {
        Reply decision = call("POST", "/decisions",
                "{\"requestId\":\"it-1\",\"sizeKB\":300,\"cyclesPerBit\":1000,\"deadlineS\":4,\"type\":\"video\"}");
        assertEquals(200, decision.status(), decision.text());
        assertEquals("it-1", decision.body().path("requestId").asText());
        assertEquals(0, decision.body().path("origin").asInt());
        assertEquals(0, decision.body().path("target").asInt(), "node 1 is unknown: the task stays: " + decision.text());
        assertFalse(decision.body().path("policy").asText().isEmpty());
        assertTrue(decision.body().path("decisionMicros").asDouble() >= 0);

        String outcome = "{\"taskId\":" + decision.body().path("taskId").asLong() + ",\"success\":true,\"latencyS\":0.8}";
        Reply accepted = call("POST", "/outcomes", outcome);
        assertEquals(200, accepted.status(), accepted.text());
        Reply again = call("POST", "/outcomes", outcome);
        assertEquals(400, again.status());
        assertEquals("taskId", again.body().path("field").asText(), again.text());
    }

    @Test
    @Order(4)
    void invalidRequestsGetA400NamingTheFieldAndTheProblem() throws Exception {
        Reply negative = call("POST", "/decisions", "{\"sizeKB\":-3,\"cyclesPerBit\":1000,\"deadlineS\":4}");
        assertEquals(400, negative.status());
        assertEquals("sizeKB", negative.body().path("field").asText());
        assertTrue(negative.body().path("problem").asText().contains("-3"), negative.text());

        Reply typo = call("POST", "/decisions", "{\"sizeKb\":3,\"cyclesPerBit\":1000,\"deadlineS\":4}");
        assertEquals("sizeKb", typo.body().path("field").asText(), typo.text());
        Reply both = call("POST", "/decisions", "{\"sizeKB\":3,\"cyclesPerBit\":1,\"computeSeconds\":1,\"deadlineS\":4}");
        assertEquals(400, both.status());
        Reply origin = call("POST", "/decisions", "{\"origin\":77,\"sizeKB\":3,\"cyclesPerBit\":1,\"deadlineS\":4}");
        assertEquals("origin", origin.body().path("field").asText(), origin.text());
        assertEquals(400, call("POST", "/decisions", "{\"sizeKB\":").status());
        assertEquals(415, call("POST", "/decisions", TOKEN, "{}", "text/plain").status());
        assertEquals(405, call("GET", "/decisions", null).status());
        assertEquals(404, call("GET", "/nothing-here", null).status());
        Reply unknownPolicy = call("PUT", "/policies/active", "{\"name\":\"no-such-policy\"}");
        assertEquals(400, unknownPolicy.status());
        assertEquals("name", unknownPolicy.body().path("field").asText(), unknownPolicy.text());
    }

    @Test
    @Order(5)
    void showsNodesPoliciesHealthAndTheOpenApiDescription() throws Exception {
        // an operator raises the link's capacity in conf/: the running topology follows, with no restart
        container.configure("org.ledrl.live", Map.of("localNode", "0", "links", "0-1:30:4"));
        FelixContainer.await("the changed link is live", DEADLINE,
                () -> tryCall("GET", "/nodes", TOKEN, null).map(r -> r.body().path("nodes").size() == 2
                        && r.body().path("links").path(0).path("rateMBps").asDouble() == 30.0).orElse(false),
                () -> tryCall("GET", "/nodes", TOKEN, null));
        JsonNode nodes = call("GET", "/nodes", null).body();
        assertEquals(0, nodes.path("localNode").asInt());
        JsonNode self = nodes.path("nodes").get(0);
        assertEquals("UP", self.path("health").asText(), nodes.toString());
        assertTrue(self.path("local").asBoolean());
        JsonNode declared = nodes.path("nodes").get(1);
        assertEquals("UNKNOWN", declared.path("health").asText());
        assertTrue(declared.path("stale").asBoolean(), "no telemetry of node 1: stale");
        assertEquals(30.0, nodes.path("links").get(0).path("rateMBps").asDouble());

        JsonNode policies = call("GET", "/policies", null).body();
        List<String> installed = new ArrayList<>();
        policies.path("installed").forEach(n -> installed.add(n.asText()));
        assertTrue(installed.containsAll(List.of("greedy", "local", "random")), policies.toString());

        JsonNode health = call("GET", "/health", null).body();
        assertEquals("UP", health.path("status").asText(), health.toString());
        assertTrue(health.path("decisions").asLong() >= 1);
        List<String> buffers = new ArrayList<>();
        health.path("buffers").forEach(b -> {
            buffers.add(b.path("name").asText());
            assertTrue(b.path("size").asLong() <= b.path("bound").asLong() && b.path("dropped").asLong() >= 0,
                    b.toString());
        });
        assertTrue(buffers.containsAll(List.of("live.pending-tasks", "live.slot-outcomes", "live.network-nodes")),
                health.toString());
        assertEquals(0, health.path("unreported").asLong());

        JsonNode openApi = call("GET", "/openapi.json", null).body();
        assertEquals("3.0.3", openApi.path("openapi").asText());
        assertTrue(openApi.path("paths").has("/decisions") && openApi.path("paths").has("/policies/active"));
    }

    @Test
    @Order(6)
    void switchingPolicyUnderConcurrentLoadFailsNoRequest() throws Exception {
        int clients = 4;
        int decisionsEach = 250;
        Set<String> policiesSeen = ConcurrentHashMap.newKeySet();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            load.add(pool.submit(() -> {
                for (int i = 0; i < decisionsEach && failures.isEmpty(); i++) {
                    try {
                        Reply r = call("POST", "/decisions", "{\"sizeKB\":200,\"computeSeconds\":0.5,\"deadlineS\":3}");
                        if (r.status() != 200) {
                            failures.add(r.status() + " " + r.text());
                        }
                        policiesSeen.add(r.body().path("policy").asText());
                    } catch (IOException | InterruptedException e) {
                        failures.add(e.toString());
                    }
                }
                return null;
            }));
        }
        List<String> order = List.of("greedy", "random", "local", "greedy");
        for (String policy : order) {
            Reply switched = call("PUT", "/policies/active", "{\"name\":\"" + policy + "\"}");
            assertEquals(200, switched.status(), switched.text());
            assertEquals(policy, switched.body().path("active").asText());
        }
        for (Future<?> f : load) {
            f.get();
        }
        pool.shutdown();
        assertEquals(List.of(), failures, "no request failed during the switches");
        assertTrue(policiesSeen.size() >= 2, "decisions came from several policies: " + policiesSeen);
        assertEquals("greedy", call("GET", "/policies", null).body().path("active").asText());
    }

    @Test
    @Order(7)
    void listensOnLoopbackOnly() throws Exception {
        InetAddress external = null;
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && address instanceof Inet4Address) {
                    external = address;
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "this host has no address but loopback");
        try (Socket socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(external, port), 2000);
            throw new AssertionError("the API accepted a connection on " + external);
        } catch (ConnectException expected) {
            // refused: nothing listens there
        }
    }
}
