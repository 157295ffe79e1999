package org.ledrl.prior.ollama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server speaking Ollama's wire protocol: {@code POST /api/chat} (one JSON object, or
 * NDJSON chunks when the request says {@code "stream": true}) and {@code GET /api/tags}. Each chat
 * request takes the next scripted reply; every request body is kept for the test to inspect.
 */
final class FakeOllama implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted reply: an answer's content, an HTTP error, or a hang until the test ends. */
    record Reply(int status, String content, String errorBody, boolean hangs) {
        static Reply answer(String content) {
            return new Reply(200, content, null, false);
        }

        static Reply error(int status, String body) {
            return new Reply(status, null, body, false);
        }

        static Reply hanging() {
            return new Reply(200, null, null, true);
        }
    }

    final List<JsonNode> requests = new ArrayList<>();
    final List<String> paths = new ArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<String> models;
    private final CountDownLatch released = new CountDownLatch(1);
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    FakeOllama(String... models) throws IOException {
        this.models = List.of(models);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/chat", this::chat);
        server.createContext("/api/tags", this::tags);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeOllama then(Reply reply) {
        synchronized (script) {
            script.add(reply);
        }
        return this;
    }

    private void chat(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        Reply reply;
        synchronized (script) {
            requests.add(request);
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            reply = script.poll();
        }
        if (reply == null) {
            reply = Reply.error(500, "{\"error\":\"the test scripted no reply\"}");
        }
        if (reply.hangs()) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (reply.status() != 200) {
            send(exchange, reply.status(), "application/json", reply.errorBody());
            return;
        }
        String model = request.path("model").asText();
        if (request.path("stream").asBoolean(false)) {
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                String content = reply.content();
                int step = Math.max(1, content.length() / 4);
                for (int i = 0; i < content.length(); i += step) {
                    String piece = content.substring(i, Math.min(content.length(), i + step));
                    out.write((chunk(model, piece, false) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write((chunk(model, "", true) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } else {
            send(exchange, 200, "application/json", chunk(model, reply.content(), true));
        }
    }

    private static String chunk(String model, String content, boolean done) {
        ObjectNode node = JSON.createObjectNode();
        node.put("model", model);
        node.put("created_at", "2026-01-01T00:00:00.000000Z");
        ObjectNode message = node.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        node.put("done", done);
        if (done) {
            node.put("done_reason", "stop");
            node.put("total_duration", 1_200_000_000L);
            node.put("prompt_eval_count", 900);
            node.put("eval_count", 80);
        }
        return node.toString();
    }

    private void tags(HttpExchange exchange) throws IOException {
        synchronized (script) {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        }
        ObjectNode root = JSON.createObjectNode();
        var list = root.putArray("models");
        for (String name : models) {
            ObjectNode m = list.addObject();
            m.put("name", name);
            m.put("model", name);
            m.put("modified_at", "2026-01-01T00:00:00.000000Z");
            m.put("size", 2_600_000_000L);
            m.put("digest", "e3a1f1");
            ObjectNode details = m.putObject("details");
            details.put("format", "gguf");
            details.put("family", "qwen3");
            details.put("parameter_size", "4.0B");
            details.put("quantization_level", "Q4_K_M");
        }
        send(exchange, 200, "application/json", root.toString());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
