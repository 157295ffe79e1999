package org.ledrl.prior.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ledrl.prior.LoopbackLlmServer;

/**
 * A loopback server speaking the OpenAI chat protocol as llama.cpp's server and vLLM do:
 * {@code POST /v1/chat/completions} (one JSON object, or SSE {@code data:} chunks ending with
 * {@code data: [DONE]} when the request says {@code "stream": true}) and {@code GET /v1/models}.
 */
final class FakeOpenAi extends LoopbackLlmServer {

    FakeOpenAi(String... models) throws IOException {
        super("/v1/chat/completions", "/v1/models", List.of(models));
    }

    @Override
    public String url() {
        return super.url() + "/v1";
    }

    @Override
    protected void answer(HttpExchange exchange, JsonNode request, String content) throws IOException {
        String model = request.path("model").asText();
        if (!request.path("stream").asBoolean(false)) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode choice = choice(root, "chat.completion", model);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", content);
            choice.put("finish_reason", "stop");
            ObjectNode usage = root.putObject("usage");
            usage.put("prompt_tokens", 900);
            usage.put("completion_tokens", 80);
            usage.put("total_tokens", 980);
            send(exchange, 200, "application/json", root.toString());
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            boolean first = true;
            for (String piece : pieces(content)) {
                out.write(("data: " + chunk(model, piece, first, null) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                first = false;
            }
            out.write(("data: " + chunk(model, null, false, "stop") + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String chunk(String model, String content, boolean first, String finish) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode choice = choice(root, "chat.completion.chunk", model);
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

    /** Fills in {@code root}'s header fields and returns its one choice. */
    private static ObjectNode choice(ObjectNode root, String object, String model) {
        root.put("id", "chatcmpl-1");
        root.put("object", object);
        root.put("created", 1_767_225_600L);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        return choice;
    }

    @Override
    protected String modelList(List<String> models) {
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
        return root.toString();
    }
}
