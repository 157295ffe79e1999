package org.ledrl.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Nested;
import org.ledrl.api.model.Candidate;
import org.ledrl.prior.ChatClient;
import org.ledrl.prior.GuardedPriorProvider;
import org.ledrl.prior.LlmEndpoint;
import org.ledrl.prior.PromptBuilder;
import org.ledrl.prior.RejectionCounts;
import org.ledrl.prior.heuristic.HeuristicPrior;

/**
 * The shipped prior providers pass the provider contract: the heuristic, and Ollama's and the OpenAI-compatible one
 * over their real wire protocols.
 */
class ShippedProvidersTest {

    @Nested
    class Heuristic extends PriorProviderContract {
        @Override
        protected Subject subject(Answer answer) {
            return Subject.withoutService(HeuristicPrior.provider());
        }
    }

    @Nested
    class Ollama extends PriorProviderContract {
        @Override
        protected Subject subject(Answer answer) throws Exception {
            return overHttp("/api/chat", "http://127.0.0.1:%d", "qwen3:4b", answer, ShippedProvidersTest::ollama,
                    endpoint -> construct("org.ledrl.prior.ollama.internal.OllamaChatClient",
                            new Class<?>[] {LlmEndpoint.class, int.class, int.class}, endpoint, 600, 0));
        }
    }

    @Nested
    class OpenAiCompatible extends PriorProviderContract {
        @Override
        protected Subject subject(Answer answer) throws Exception {
            return overHttp("/v1/chat/completions", "http://127.0.0.1:%d/v1", "qwen3-4b", answer,
                    ShippedProvidersTest::openAi,
                    endpoint -> construct("org.ledrl.prior.openai.internal.OpenAiChatClient",
                            new Class<?>[] {LlmEndpoint.class, String.class, boolean.class, int.class}, endpoint,
                            null, false, 0));
        }
    }

    /** A protocol's reply: its HTTP status and body for the content an answer carries. */
    private interface Protocol {
        void reply(HttpExchange exchange, String content) throws IOException;
    }

    private interface ClientFactory {
        ChatClient create(LlmEndpoint endpoint) throws Exception;
    }

    /** A provider as its component builds it, talking to a loopback server that answers as {@code answer} says. */
    private static PriorProviderContract.Subject overHttp(String path, String urlFormat, String model,
            PriorProviderContract.Answer answer, Protocol protocol, ClientFactory clients) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext(path, exchange -> answer(exchange, answer, protocol));
        server.start();
        String url = String.format(urlFormat, server.getAddress().getPort());
        LlmEndpoint endpoint = LlmEndpoint.checked("test", url, model, 0.2, 1, false, false, false);
        ChatClient client = clients.create(endpoint);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        RejectionCounts rejections = new RejectionCounts();
        GuardedPriorProvider provider = new GuardedPriorProvider("test", client, PromptBuilder::defaults,
                HeuristicPrior::of, Duration.ofSeconds(60), workers, rejections);
        return PriorProviderContract.Subject.of(provider, endpoint.timeout(), () -> {
            Map<String, Long> reasons = new LinkedHashMap<>();
            rejections.snapshot().forEach((reason, count) -> reasons.put(reason.name(), count));
            return reasons;
        }, () -> {
            server.stop(0);
            serverThreads.shutdownNow();
            workers.shutdownNow();
        });
    }

    /** The bundles' chat clients are private to them: the test builds the very class the component does. */
    private static ChatClient construct(String className, Class<?>[] parameters, Object... arguments)
            throws Exception {
        Constructor<?> constructor = Class.forName(className).getDeclaredConstructor(parameters);
        constructor.setAccessible(true);
        return (ChatClient) constructor.newInstance(arguments);
    }

    /** The reply to one request: the content the answer calls for, or the server's error. */
    private static void answer(HttpExchange exchange, PriorProviderContract.Answer answer, Protocol protocol)
            throws IOException {
        exchange.getRequestBody().readAllBytes();
        String content;
        switch (answer) {
            case SLOW -> {
                try {
                    Thread.sleep(PriorProviderContract.SLOW_HOLD.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                content = valid(0.5);
            }
            case FAILING -> {
                content = null;
            }
            case MALFORMED -> content = "{\"preferences\": [{\"node\": ";
            case OUT_OF_RANGE -> content = valid(7.5);
            default -> content = valid(0.8);
        }
        protocol.reply(exchange, content);
    }

    /** Ollama's {@code /api/chat} reply; null content: the error a stopped model runner gives. */
    private static void ollama(HttpExchange exchange, String content) throws IOException {
        if (content == null) {
            send(exchange, 500, "{\"error\":\"model runner has unexpectedly stopped\"}");
            return;
        }
        send(exchange, 200, "{\"model\":\"qwen3:4b\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":"
                + "\"assistant\",\"content\":" + quote(content) + "},\"done\":true,\"done_reason\":\"stop\"}");
    }

    /** An OpenAI-compatible {@code /v1/chat/completions} reply; null content: a server error in OpenAI's shape. */
    private static void openAi(HttpExchange exchange, String content) throws IOException {
        if (content == null) {
            send(exchange, 500, "{\"error\":{\"message\":\"the model is overloaded\",\"type\":\"server_error\","
                    + "\"param\":null,\"code\":null}}");
            return;
        }
        send(exchange, 200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1767225600,"
                + "\"model\":\"qwen3-4b\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + quote(content) + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":400,"
                + "\"completion_tokens\":60,\"total_tokens\":460}}");
    }

    private static String valid(double preference) {
        StringBuilder prefs = new StringBuilder();
        for (Candidate c : PriorProviderContract.ASKED.candidates()) {
            prefs.append(prefs.length() == 0 ? "" : ",").append("{\"node\":").append(c.node())
                    .append(",\"preference\":").append(preference).append(",\"avoid\":false}");
        }
        return "{\"preferences\":[" + prefs + "],\"strategy\":\"SPREAD\",\"rationale\":\"spread the load\"}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
