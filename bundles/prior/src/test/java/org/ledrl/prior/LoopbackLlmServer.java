package org.ledrl.prior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
 * A loopback HTTP server for the wire tests of LLM provider bundles. Each chat request takes the
 * next scripted {@link Reply}: an answer, an HTTP error, or a hang until the test ends; the method
 * and path, the JSON body and the Authorization header of every request are kept for the test to
 * inspect. A subclass speaks one protocol: how an answer is written, whole or streamed
 * ({@link #answer}), and how the model list looks ({@link #modelList}).
 */
public abstract class LoopbackLlmServer implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted reply: an answer's content, an HTTP error, or a hang until the test ends. */
    public record Reply(int status, String content, String errorBody, boolean hangs) {
        public static Reply answer(String content) {
            return new Reply(200, content, null, false);
        }

        public static Reply error(int status, String body) {
            return new Reply(status, null, body, false);
        }

        public static Reply hanging() {
            return new Reply(200, null, null, true);
        }
    }

    /** The JSON body of each chat request. */
    public final List<JsonNode> requests = new ArrayList<>();
    /** "METHOD /path" of each request. */
    public final List<String> paths = new ArrayList<>();
    /** The Authorization header of each request, "" when absent. */
    public final List<String> authorizations = new ArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<String> models;
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    /** Serves chat requests at {@code chatPath} and the list of {@code models} at {@code modelsPath}. */
    protected LoopbackLlmServer(String chatPath, String modelsPath, List<String> models) throws IOException {
        this.models = List.copyOf(models);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext(chatPath, this::chat);
        server.createContext(modelsPath, this::models);
        server.start();
    }

    /** A loopback port nobody listens on: connections to it are refused. */
    public static int refusedPort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public LoopbackLlmServer then(Reply reply) {
        synchronized (script) {
            script.add(reply);
        }
        return this;
    }

    /** Writes a successful answer with {@code content}, whole or streamed as {@code request} asks. */
    protected abstract void answer(HttpExchange exchange, JsonNode request, String content) throws IOException;

    /** The body listing {@code models}. */
    protected abstract String modelList(List<String> models);

    /** {@code content} in about four pieces, as a streaming server sends it. */
    protected static List<String> pieces(String content) {
        List<String> pieces = new ArrayList<>();
        int step = Math.max(1, content.length() / 4);
        for (int i = 0; i < content.length(); i += step) {
            pieces.add(content.substring(i, Math.min(content.length(), i + step)));
        }
        return pieces;
    }

    protected static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void record(HttpExchange exchange) {
        synchronized (script) {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
        }
    }

    private void chat(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        Reply reply;
        synchronized (script) {
            record(exchange);
            requests.add(request);
            reply = script.poll();
        }
        if (reply == null) {
            reply = Reply.error(500, "{\"error\":{\"message\":\"the test scripted no reply\"}}");
        }
        if (reply.hangs()) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        } else if (reply.status() != 200) {
            send(exchange, reply.status(), "application/json", reply.errorBody());
        } else {
            answer(exchange, request, reply.content());
        }
    }

    private void models(HttpExchange exchange) throws IOException {
        record(exchange);
        send(exchange, 200, "application/json", modelList(models));
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
