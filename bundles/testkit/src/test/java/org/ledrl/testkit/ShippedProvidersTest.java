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

/** The shipped prior providers pass the provider contract: the heuristic, and Ollama's over its real wire protocol. */
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
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService serverThreads = Executors.newCachedThreadPool();
            server.setExecutor(serverThreads);
            server.createContext("/api/chat", exchange -> answer(exchange, answer));
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            LlmEndpoint endpoint = LlmEndpoint.checked("test", url, "qwen3:4b", 0.2, 1, false, false, false);
            // the bundle's chat client is private to it: the test builds the very class the component does
            Class<?> type = Class.forName("org.ledrl.prior.ollama.internal.OllamaChatClient");
            Constructor<?> constructor = type.getDeclaredConstructor(LlmEndpoint.class, int.class, int.class);
            constructor.setAccessible(true);
            ChatClient client = (ChatClient) constructor.newInstance(endpoint, 600, 0);
            ExecutorService workers = Executors.newFixedThreadPool(2);
            RejectionCounts rejections = new RejectionCounts();
            GuardedPriorProvider provider = new GuardedPriorProvider("ollama", client, PromptBuilder::defaults,
                    HeuristicPrior::of, Duration.ofSeconds(60), workers, rejections);
            return Subject.of(provider, endpoint.timeout(), () -> {
                Map<String, Long> reasons = new LinkedHashMap<>();
                rejections.snapshot().forEach((reason, count) -> reasons.put(reason.name(), count));
                return reasons;
            }, () -> {
                server.stop(0);
                serverThreads.shutdownNow();
                workers.shutdownNow();
            });
        }
    }

    /** Ollama's {@code /api/chat} reply, its content as the answer says. */
    private static void answer(HttpExchange exchange, PriorProviderContract.Answer answer) throws IOException {
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
                send(exchange, 500, "{\"error\":\"model runner has unexpectedly stopped\"}");
                return;
            }
            case MALFORMED -> content = "{\"preferences\": [{\"node\": ";
            case OUT_OF_RANGE -> content = valid(7.5);
            default -> content = valid(0.8);
        }
        String json = "{\"model\":\"qwen3:4b\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":"
                + "\"assistant\",\"content\":" + quote(content) + "},\"done\":true,\"done_reason\":\"stop\"}";
        send(exchange, 200, json);
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
