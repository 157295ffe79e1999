package org.ledrl.prior.ollama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ledrl.prior.LoopbackLlmServer;

/**
 * A loopback server speaking Ollama's wire protocol: {@code POST /api/chat} (one JSON object, or
 * NDJSON chunks when the request says {@code "stream": true}) and {@code GET /api/tags}.
 */
final class FakeOllama extends LoopbackLlmServer {

    FakeOllama(String... models) throws IOException {
        super("/api/chat", "/api/tags", List.of(models));
    }

    @Override
    protected void answer(HttpExchange exchange, JsonNode request, String content) throws IOException {
        String model = request.path("model").asText();
        if (!request.path("stream").asBoolean(false)) {
            send(exchange, 200, "application/json", chunk(model, content, true));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String piece : pieces(content)) {
                out.write((chunk(model, piece, false) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write((chunk(model, "", true) + "\n").getBytes(StandardCharsets.UTF_8));
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

    @Override
    protected String modelList(List<String> models) {
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
        return root.toString();
    }
}
