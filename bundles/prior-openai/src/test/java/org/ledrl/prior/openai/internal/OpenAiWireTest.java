package org.ledrl.prior.openai.internal;

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
import java.util.function.UnaryOperator;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.prior.Consultation;
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

/** The OpenAI-compatible provider against a loopback server that speaks the chat completions protocol. */
class OpenAiWireTest {

    private static final String VALID = """
            {"preferences":[{"node":0,"preference":0.3,"avoid":false},{"node":1,"preference":0.9,"avoid":false},\
            {"node":2,"preference":0.0,"avoid":true}],"strategy":"PREFER_FAST_LINKS","rationale":"node 1 is idle"}""";
    private static final UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    @TempDir
    Path home;
    private FakeOpenAi server;
    private OpenAiPriorProvider provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.deactivate();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(String url, Map<String, Object> settings, UnaryOperator<String> environment) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("base_url", url);
        config.put("templates_dir", home.resolve("templates").toString());
        provider = new OpenAiPriorProvider();
        provider.start(TestConfigs.of(OpenAiPriorProvider.Config.class, config), null, environment);
    }

    /** Starts the fake server and the provider talking to it; returns the server, to script. */
    private FakeOpenAi start(Map<String, Object> settings) throws IOException {
        server = new FakeOpenAi("qwen3-4b", "gemma-3-4b");
        start(server.url(), settings, NO_ENVIRONMENT);
        return server;
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aValidAnswerBecomesThePriorAndTheRequestCarriesTheSettings(boolean stream) throws IOException {
        start(Map.of("stream", stream, "temperature", 0.3, "max_tokens", 256)).then(Reply.answer(VALID));
        Consultation c = provider.consult(threeNodes());

        assertEquals(Consultation.Source.LLM, c.source(), c.attempts().toString());
        assertEquals(GlobalStrategy.PREFER_FAST_LINKS, c.prior().strategy());
        assertEquals(0.9, c.prior().preferenceFor(1).preference());
        assertEquals("qwen3-4b", c.prior().model());

        assertEquals(List.of("POST /v1/chat/completions"), server.paths);
        JsonNode request = server.requests.get(0);
        assertEquals("qwen3-4b", request.get("model").asText());
        assertEquals(stream, request.path("stream").asBoolean(false));
        assertEquals(0.3, request.get("temperature").asDouble());
        assertEquals(256, request.get("max_tokens").asInt());
        assertFalse(request.at("/chat_template_kwargs/enable_thinking").asBoolean(true), request.toString());
        assertEquals("system", request.at("/messages/0/role").asText());
        assertEquals(c.prompt().user(), request.at("/messages/1/content").asText());
        JsonNode format = request.get("response_format");
        assertEquals("json_schema", format.get("type").asText(), format.toString());
        assertEquals("strategy_prior", format.at("/json_schema/name").asText());
        assertEquals("[0,1,2]", format.at("/json_schema/schema/properties/preferences/items/properties/node/enum").toString());
        assertEquals("", server.authorizations.get(0), "no key configured: no Authorization header");
    }

    @Test
    void aConfiguredKeyIsSentAsBearerAndNeverShown() throws IOException {
        server = new FakeOpenAi("qwen3-4b");
        start(server.url(), Map.of("_api_key", "sk-test-123"), NO_ENVIRONMENT);
        server.then(Reply.answer(VALID));
        provider.consult(threeNodes());
        assertEquals("Bearer sk-test-123", server.authorizations.get(0));
        assertFalse(provider.describe().contains("sk-test-123"), provider.describe());
        assertTrue(provider.describe().contains("API key set"), provider.describe());
    }

    @Test
    void theKeyMayComeFromTheEnvironment() throws IOException {
        server = new FakeOpenAi("qwen3-4b");
        start(server.url(), Map.of("api_key_env", "MY_LLM_KEY"),
                name -> name.equals("MY_LLM_KEY") ? "env-key-9" : null);
        server.then(Reply.answer(VALID));
        provider.consult(threeNodes());
        assertEquals("Bearer env-key-9", server.authorizations.get(0));
    }

    @Test
    void thinkingSwitchCanBeTurnedOnOrLeftOut() throws IOException {
        start(Map.of("think", true)).then(Reply.answer(VALID));
        provider.consult(threeNodes());
        assertTrue(server.requests.get(0).at("/chat_template_kwargs/enable_thinking").asBoolean());
        provider.deactivate();
        server.close();

        start(Map.of("thinking_switch", false)).then(Reply.answer(VALID));
        provider.consult(threeNodes());
        assertTrue(server.requests.get(0).path("chat_template_kwargs").isMissingNode(), server.requests.get(0).toString());
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void invalidJsonTwiceFallsBackToTheHeuristic(boolean stream) throws IOException {
        start(Map.of("stream", stream))
                .then(Reply.answer("Sure! Node 1 is the best choice."))
                .then(Reply.answer("{\"preferences\": ["));
        Consultation c = provider.consult(threeNodes());
        assertEquals(Consultation.Source.FALLBACK, c.source());
        assertEquals(HeuristicPrior.MODEL, c.prior().model());
        JsonNode retry = server.requests.get(1).get("messages");
        assertEquals(4, retry.size());
        assertEquals("assistant", retry.get(2).get("role").asText());
        assertTrue(retry.get(3).get("content").asText().contains("the answer is not JSON"));
        assertEquals(2, provider.rejections().get(RejectionReason.NOT_JSON));
    }

    @Test
    void anUnknownNodeAndAValueOutOfRangeAreRejected() throws IOException {
        start(Map.of())
                .then(Reply.answer(VALID.replace("\"node\":2", "\"node\":42")))
                .then(Reply.answer(VALID.replace("0.3", "-2")));
        Consultation c = provider.consult(threeNodes());
        assertEquals(Consultation.Source.FALLBACK, c.source());
        assertEquals(1, provider.rejections().get(RejectionReason.UNKNOWN_NODE));
        assertEquals(1, provider.rejections().get(RejectionReason.OUT_OF_RANGE));
        assertTrue(server.requests.get(1).at("/messages/3/content").asText().contains("node 42 is not a candidate"));
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aServerErrorIsReportedWithTheServersMessage(boolean stream) throws IOException {
        start(Map.of("stream", stream)).then(Reply.error(500,
                "{\"error\":{\"code\":500,\"message\":\"failed to load model\",\"type\":\"server_error\"}}"));
        Consultation c = provider.consult(threeNodes());
        assertEquals(RejectionReason.SERVER_ERROR, c.attempts().get(0).verdict().reason());
        assertTrue(c.attempts().get(0).verdict().detail().contains("HTTP 500: failed to load model"),
                c.attempts().get(0).verdict().detail());
        assertEquals(1, server.requests.size());
        assertEquals(Consultation.Source.FALLBACK, c.source());
    }

    @Test
    void aMissingModelIsModelNotFound() throws IOException {
        start(Map.of()).then(Reply.error(404,
                "{\"object\":\"error\",\"message\":\"The model `qwen3-4b` does not exist.\",\"type\":\"NotFoundError\",\"code\":404}"));
        Consultation c = provider.consult(threeNodes());
        assertEquals(RejectionReason.MODEL_NOT_FOUND, c.attempts().get(0).verdict().reason());
        assertTrue(c.attempts().get(0).verdict().detail().contains("The model `qwen3-4b` does not exist."),
                c.attempts().get(0).verdict().detail());
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws IOException {
        int port = LoopbackLlmServer.refusedPort();
        start("http://127.0.0.1:" + port + "/v1", Map.of(), NO_ENVIRONMENT);
        Consultation c = provider.consult(threeNodes());
        assertEquals(RejectionReason.UNREACHABLE, c.attempts().get(0).verdict().reason(), c.attempts().toString());
        assertEquals(Consultation.Source.FALLBACK, c.source());
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
    void checkServerListsTheModels() throws IOException {
        start(Map.of());
        assertTrue(provider.checkServer().contains("model qwen3-4b is served at"), provider.checkServer());
        assertTrue(server.paths.contains("GET /v1/models"));
        String other = provider.withEndpoint(Optional.empty(), Optional.of("mistral-7b")).checkServer();
        assertTrue(other.contains("NOT among the models") && other.contains("qwen3-4b, gemma-3-4b"), other);
    }
}
