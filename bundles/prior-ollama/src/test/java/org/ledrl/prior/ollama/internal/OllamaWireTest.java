package org.ledrl.prior.ollama.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ledrl.prior.Situations.threeNodes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.prior.Consultation;
import org.ledrl.prior.InspectablePriorProvider;
import org.ledrl.prior.LoopbackLlmServer;
import org.ledrl.prior.LoopbackLlmServer.Reply;
import org.ledrl.prior.RejectionReason;
import org.ledrl.prior.heuristic.HeuristicPrior;
import org.ledrl.telemetry.TestConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Ollama provider against a loopback server that speaks Ollama's protocol. */
class OllamaWireTest {

    private static final String VALID = """
            {"preferences":[{"node":0,"preference":0.3,"avoid":false},{"node":1,"preference":0.9,"avoid":false},\
            {"node":2,"preference":0.0,"avoid":true}],"strategy":"SPREAD","rationale":"node 1 is idle"}""";
    private static final String MISSING_MODEL = "{\"error\":\"model \\\"qwen3:4b\\\" not found, try pulling it first\"}";

    @TempDir
    Path home;
    private FakeOllama server;
    private OllamaPriorProvider provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.deactivate();
        }
        if (server != null) {
            server.close();
        }
    }

    private OllamaPriorProvider start(String url, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("base_url", url);
        config.put("templates_dir", home.resolve("templates").toString());
        provider = new OllamaPriorProvider();
        provider.activate(TestConfigs.of(OllamaPriorProvider.Config.class, config), null);
        return provider;
    }

    /** Starts the fake server and the provider talking to it; returns the server, to script. */
    private FakeOllama start(Map<String, Object> settings) throws IOException {
        server = new FakeOllama("qwen3:4b", "llama3.2:3b");
        start(server.url(), settings);
        return server;
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aValidAnswerBecomesThePriorAndTheRequestCarriesTheSettings(boolean stream) throws IOException {
        start(Map.of("stream", stream, "temperature", 0.1, "keep_alive_seconds", 900)).then(Reply.answer(VALID));
        Consultation c = provider.consult(threeNodes());

        assertEquals(Consultation.Source.LLM, c.source(), c.attempts().toString());
        assertEquals(GlobalStrategy.SPREAD, c.prior().strategy());
        assertEquals(0.9, c.prior().preferenceFor(1).preference());
        assertTrue(c.prior().preferenceFor(2).avoid());
        assertEquals("qwen3:4b", c.prior().model());
        assertEquals(4000, c.prior().issuedMillis());
        assertEquals(VALID, c.attempts().get(0).answer());

        assertEquals(List.of("POST /api/chat"), server.paths);
        JsonNode request = server.requests.get(0);
        assertEquals("qwen3:4b", request.get("model").asText());
        assertEquals(stream, request.get("stream").asBoolean());
        assertFalse(request.get("think").asBoolean(), "thinking is off by default");
        assertEquals(900, request.get("keep_alive").asInt());
        assertEquals(0.1, request.at("/options/temperature").asDouble());
        JsonNode messages = request.get("messages");
        assertEquals("system", messages.get(0).get("role").asText());
        assertEquals("user", messages.get(1).get("role").asText());
        assertEquals(c.prompt().user(), messages.get(1).get("content").asText());
        JsonNode format = request.get("format");
        assertEquals("object", format.get("type").asText(), "format is the JSON schema itself: " + format);
        assertEquals("[0,1,2]", format.at("/properties/preferences/items/properties/node/enum").toString());
    }

    @Test
    void thinkingCanBeSwitchedOn() throws IOException {
        start(Map.of("think", true)).then(Reply.answer(VALID));
        provider.consult(threeNodes());
        assertTrue(server.requests.get(0).get("think").asBoolean());
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void invalidJsonTwiceFallsBackToTheHeuristic(boolean stream) throws IOException {
        start(Map.of("stream", stream))
                .then(Reply.answer("Node 1 looks best, send it there."))
                .then(Reply.answer("{\"preferences\": [ {\"node\": 1,"));
        Consultation c = provider.consult(threeNodes());

        assertEquals(Consultation.Source.FALLBACK, c.source());
        assertEquals(HeuristicPrior.MODEL, c.prior().model());
        assertEquals(2, server.requests.size());
        JsonNode retry = server.requests.get(1).get("messages");
        assertEquals(4, retry.size());
        assertEquals("assistant", retry.get(2).get("role").asText());
        assertEquals("Node 1 looks best, send it there.", retry.get(2).get("content").asText());
        assertTrue(retry.get(3).get("content").asText().contains("the answer is not JSON"), retry.get(3).toString());
        assertEquals(2, provider.rejections().get(RejectionReason.NOT_JSON));
    }

    @Test
    void anUnknownNodeIsRejectedAndTheRetryWithTheErrorSucceeds() throws IOException {
        start(Map.of())
                .then(Reply.answer(VALID.replace("\"node\":2", "\"node\":17")))
                .then(Reply.answer(VALID));
        Consultation c = provider.consult(threeNodes());
        assertEquals(Consultation.Source.LLM, c.source());
        assertEquals(RejectionReason.UNKNOWN_NODE, c.attempts().get(0).verdict().reason());
        assertTrue(server.requests.get(1).at("/messages/3/content").asText().contains("node 17 is not a candidate"));
        assertEquals(1, provider.rejections().get(RejectionReason.UNKNOWN_NODE));
    }

    @Test
    void valuesOutOfRangeAreRejected() throws IOException {
        start(Map.of())
                .then(Reply.answer(VALID.replace("0.9", "1.7")))
                .then(Reply.answer(VALID.replace("SPREAD", "GO_EVERYWHERE")));
        Consultation c = provider.consult(threeNodes());
        assertEquals(Consultation.Source.FALLBACK, c.source());
        assertEquals(2, provider.rejections().get(RejectionReason.OUT_OF_RANGE));
        assertTrue(c.attempts().get(0).verdict().detail().contains("1.7"));
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aServerErrorFallsBackWithoutRetrying(boolean stream) throws IOException {
        start(Map.of("stream", stream))
                .then(Reply.error(500, "{\"error\":\"llama runner process has terminated\"}"));
        Consultation c = provider.consult(threeNodes());
        assertEquals(Consultation.Source.FALLBACK, c.source());
        assertEquals(1, server.requests.size());
        assertEquals(RejectionReason.SERVER_ERROR, c.attempts().get(0).verdict().reason());
        assertTrue(c.attempts().get(0).verdict().detail().contains("HTTP 500: llama runner process has terminated"),
                c.attempts().get(0).verdict().detail());
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aMissingModelIsReportedWithOllamasMessage(boolean stream) throws IOException {
        start(Map.of("stream", stream)).then(Reply.error(404, MISSING_MODEL));
        Consultation c = provider.consult(threeNodes());
        assertEquals(RejectionReason.MODEL_NOT_FOUND, c.attempts().get(0).verdict().reason());
        assertTrue(c.attempts().get(0).verdict().detail().contains("model \"qwen3:4b\" not found, try pulling it first"),
                c.attempts().get(0).verdict().detail());
        assertEquals(1, provider.rejections().get(RejectionReason.MODEL_NOT_FOUND));
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws IOException {
        int port = LoopbackLlmServer.refusedPort();
        start("http://127.0.0.1:" + port, Map.of());
        Consultation c = provider.consult(threeNodes());
        assertEquals(RejectionReason.UNREACHABLE, c.attempts().get(0).verdict().reason(), c.attempts().toString());
        assertEquals(Consultation.Source.FALLBACK, c.source());
        assertTrue(provider.checkServer().contains("cannot connect to http://127.0.0.1:" + port), provider.checkServer());
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void anAnswerSlowerThanTheTimeoutIsATimeout(boolean stream) throws IOException {
        start(Map.of("stream", stream, "timeout_seconds", 1)).then(Reply.hanging());
        Consultation c = provider.consult(threeNodes());
        assertEquals(RejectionReason.TIMEOUT, c.attempts().get(0).verdict().reason(), c.attempts().toString());
        assertEquals(Consultation.Source.FALLBACK, c.source());
    }

    @Test
    void checkServerLooksTheModelUpInApiTags() throws IOException {
        start(Map.of());
        assertTrue(provider.describe().contains("model qwen3:4b"), provider.describe());
        assertTrue(server.paths.isEmpty(), "describe() stays off the network");
        assertTrue(provider.checkServer().contains("model qwen3:4b is available at " + server.url()), provider.checkServer());
        assertTrue(server.paths.contains("GET /api/tags"), server.paths.toString());

        InspectablePriorProvider other = provider.withEndpoint(Optional.empty(), Optional.of("phi4:14b"));
        String described = other.checkServer();
        assertTrue(described.contains("model phi4:14b is NOT available"), described);
        assertTrue(described.contains("qwen3:4b, llama3.2:3b"), described);
    }

    @Test
    void withEndpointTalksToAnotherModel() throws IOException {
        start(Map.of()).then(Reply.answer(VALID));
        InspectablePriorProvider other = provider.withEndpoint(Optional.empty(), Optional.of("llama3.2:3b"));
        Consultation c = other.consult(threeNodes());
        assertEquals("llama3.2:3b", server.requests.get(0).get("model").asText());
        assertEquals("llama3.2:3b", c.prior().model());
    }

    @Test
    void proposeCompletesWithThePrior() throws Exception {
        start(Map.of()).then(Reply.answer(VALID));
        assertEquals(GlobalStrategy.SPREAD, provider.propose(threeNodes()).toCompletableFuture().get().strategy());
    }

    @Test
    void recordedAnswersReplayWithoutTheServer() throws IOException {
        Path cache = home.resolve("answers.jsonl");
        start(Map.of("cache_mode", "record", "cache_file", cache.toString())).then(Reply.answer(VALID));
        var recorded = provider.consult(threeNodes()).prior();
        provider.deactivate();
        server.close();

        start(server.url(), Map.of("cache_mode", "replay", "cache_file", cache.toString()));
        Consultation replayed = provider.consult(threeNodes());
        assertEquals(Consultation.Source.LLM, replayed.source());
        assertEquals(recorded, replayed.prior());
    }
}
