package org.example.ledrl.advisor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An advice service on 127.0.0.1, for tests and to try the provider by hand ({@code java -cp target/test-classes
 * org.example.ledrl.advisor.DemoAdvisor 8765}): it scores each candidate that is up by its queue (shorter is
 * better) and avoids those that are down. Tests give it other answers.
 */
public final class DemoAdvisor implements AutoCloseable {

    private static final Pattern CANDIDATE = Pattern.compile(
            "\\{\"node\":(\\d+),\"up\":(true|false),\"cpuGHz\":[^,]+,\"queueSeconds\":([^,]+),");

    private final HttpServer server;

    /** Answers each request body with {@code answer}'s text; null means a 500. */
    public DemoAdvisor(int port, Function<String, String> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/advice", exchange -> reply(exchange, answer));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The demo rule: score 1/(1+queue seconds) for candidates that are up, avoid the others. */
    public static String byQueue(String request) {
        StringBuilder scores = new StringBuilder();
        StringBuilder avoid = new StringBuilder();
        Matcher m = CANDIDATE.matcher(request);
        while (m.find()) {
            double queue = Double.parseDouble(m.group(3));
            double score = Double.isNaN(queue) ? 0.5 : 1 / (1 + Math.max(0, queue));
            scores.append(scores.length() == 0 ? "" : ",").append('"').append(m.group(1)).append("\":")
                    .append(String.format(java.util.Locale.ROOT, "%.3f", score));
            if (m.group(2).equals("false")) {
                avoid.append(avoid.length() == 0 ? "" : ",").append(m.group(1));
            }
        }
        return "{\"scores\":{" + scores + "},\"avoid\":[" + avoid + "],\"strategy\":\"SPREAD\",\"why\":\"short queues\"}";
    }

    private static void reply(HttpExchange exchange, Function<String, String> answer) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String body = answer.apply(request);
        byte[] bytes = (body == null ? "{\"error\":\"advisor down\"}" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 500 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8765;
        DemoAdvisor advisor = new DemoAdvisor(port, DemoAdvisor::byQueue);
        System.out.println("advice service at " + advisor.baseUrl() + "/advice (Ctrl-C stops it)");
    }
}
