package org.ledrl.prior.openai.internal;

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
 * A loopback server speaking the OpenAI chat protocol as llama.cpp's server and vLLM do:
 * {@code POST /v1/chat/completions} (one JSON object, or SSE {@code data:} chunks ending with
 * {@code data: [DONE]} when the request says {@code "stream": true}) and {@code GET /v1/models}.
 * Each chat request takes the next scripted reply; bodies and Authorization headers are kept.
 */
final class FakeOpenAi implements AutoCloseable {

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
    /** The Authorization header of each request, "" when absent. */
    final List<String> authorizations = new ArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<String> models;
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    FakeOpenAi(String... models) throws IOException {
        this.models = List.of(models);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/models", this::models);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    FakeOpenAi then(Reply reply) {
        synchronized (script) {
            script.add(reply);
        }
        return this;
    }

    private void record(HttpExchange exchange, JsonNode body) {
        synchronized (script) {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            if (body != null) {
                requests.add(body);
            }
        }
    }

    private void chat(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        record(exchange, request);
        Reply reply;
        synchronized (script) {
            reply = script.poll();
        }
        if (reply == null) {
            reply = Reply.error(500, "{\"error\":{\"message\":\"the test scripted no reply\",\"type\":\"server_error\"}}");
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
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                String content = reply.content();
                int step = Math.max(1, content.length() / 4);
                boolean first = true;
                for (int i = 0; i < content.length(); i += step) {
                    String piece = content.substring(i, Math.min(content.length(), i + step));
                    out.write(("data: " + chunk(model, piece, first, null) + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    first = false;
                }
                out.write(("data: " + chunk(model, null, false, "stop") + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        } else {
            ObjectNode root = JSON.createObjectNode();
            root.put("id", "chatcmpl-1");
            root.put("object", "chat.completion");
            root.put("created", 1_767_225_600L);
            root.put("model", model);
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", reply.content());
            choice.put("finish_reason", "stop");
            ObjectNode usage = root.putObject("usage");
            usage.put("prompt_tokens", 900);
            usage.put("completion_tokens", 80);
            usage.put("total_tokens", 980);
            send(exchange, 200, "application/json", root.toString());
        }
    }

    private static String chunk(String model, String content, boolean first, String finish) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1");
        root.put("object", "chat.completion.chunk");
        root.put("created", 1_767_225_600L);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (first) {
            delta.put("role", "assistant");
        }
        if (content != null) {
            delta.put("content", content);
        }
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return root.toString();
    }

    private void models(HttpExchange exchange) throws IOException {
        record(exchange, null);
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        var data = root.putArray("data");
        for (String name : models) {
            ObjectNode m = data.addObject();
            m.put("id", name);
            m.put("object", "model");
            m.put("created", 1_767_225_600L);
            m.put("owned_by", "llamacpp");
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
