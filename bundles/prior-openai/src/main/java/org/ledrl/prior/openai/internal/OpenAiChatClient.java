package org.ledrl.prior.openai.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ledrl.prior.ChatClient;
import org.ledrl.prior.ChatFailure;
import org.ledrl.prior.ChatTurn;
import org.ledrl.prior.PriorSchema;
import org.ledrl.prior.RejectionReason;

/**
 * An OpenAI-compatible {@code /v1/chat/completions} endpoint through langchain4j: the answer schema as
 * {@code response_format} json_schema, the temperature, and for Qwen3-style chat templates
 * {@code chat_template_kwargs.enable_thinking} (understood by vLLM and llama.cpp's server). With
 * {@code stream} the answer comes as SSE {@code data:} lines ending with {@code [DONE]}. The API key,
 * when there is one, goes in the Authorization header and nowhere else.
 */
final class OpenAiChatClient implements ChatClient {

    /** The settings of one endpoint; {@code apiKey} is null when there is none. */
    record Settings(String url, String model, String apiKey, double temperature, Duration timeout, boolean think,
                    boolean thinkingSwitch, boolean stream, int maxTokens, boolean logRequests) {

        @Override
        public String toString() { // never the key
            return url + " model " + model;
        }
    }

    private final Settings settings;
    private final OpenAiChatModel chat;
    private final OpenAiStreamingChatModel streaming;

    OpenAiChatClient(Settings s) {
        this.settings = s;
        Map<String, Object> custom = s.thinkingSwitch()
                ? Map.of("chat_template_kwargs", Map.of("enable_thinking", s.think())) : Map.of();
        Integer maxTokens = s.maxTokens() > 0 ? s.maxTokens() : null;
        if (s.stream()) {
            this.chat = null;
            this.streaming = OpenAiStreamingChatModel.builder()
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(s.url())
                    .apiKey(s.apiKey())
                    .modelName(s.model())
                    .temperature(s.temperature())
                    .maxTokens(maxTokens)
                    .timeout(s.timeout())
                    .customParameters(custom)
                    .logRequests(s.logRequests() && s.apiKey() == null)
                    .logResponses(s.logRequests())
                    .build();
        } else {
            this.streaming = null;
            this.chat = OpenAiChatModel.builder()
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(s.url())
                    .apiKey(s.apiKey())
                    .modelName(s.model())
                    .temperature(s.temperature())
                    .maxTokens(maxTokens)
                    .timeout(s.timeout())
                    .maxRetries(0) // the guard decides about retries
                    .customParameters(custom)
                    .logRequests(s.logRequests() && s.apiKey() == null) // request logs would show the key
                    .logResponses(s.logRequests())
                    .build();
        }
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public String complete(List<ChatTurn> conversation, String jsonSchema) throws ChatFailure {
        ChatRequest request = ChatRequest.builder()
                .messages(conversation.stream().map(OpenAiChatClient::message).toList())
                .responseFormat(ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name(PriorSchema.NAME)
                                .rootElement(JsonRawSchema.from(jsonSchema)).build())
                        .build())
                .build();
        try {
            ChatResponse response = settings.stream() ? stream(request) : chat.chat(request);
            String text = response.aiMessage().text();
            return text == null ? "" : text;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private ChatResponse stream(ChatRequest request) throws ChatFailure {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return done.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.cancel(true);
            throw new ChatFailure(RejectionReason.TIMEOUT, "no complete answer from " + settings.url() + " within "
                    + settings.timeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure(RejectionReason.TIMEOUT, "interrupted while waiting for " + settings.url());
        }
    }

    /** What models the server serves ({@code GET /v1/models}), for checking a set-up. */
    String checkServer() {
        try {
            List<String> names = OpenAiModelCatalog.builder()
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(settings.url())
                    .apiKey(settings.apiKey())
                    .connectTimeout(settings.timeout())
                    .readTimeout(settings.timeout())
                    .build()
                    .listModels().stream().map(ModelDescription::name).toList();
            return names.contains(settings.model()) ? "model " + settings.model() + " is served at " + settings.url()
                    : "model " + settings.model() + " is NOT among the models served at " + settings.url() + ": "
                    + (names.isEmpty() ? "none" : String.join(", ", names));
        } catch (RuntimeException e) {
            return failure(e).getMessage();
        }
    }

    private ChatFailure failure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HttpException http) {
                return ChatFailure.http(http.statusCode(), http.getMessage());
            }
        }
        return ChatFailure.of(e, settings.url());
    }

    private static ChatMessage message(ChatTurn turn) {
        return switch (turn.role()) {
            case SYSTEM -> SystemMessage.from(turn.text());
            case USER -> UserMessage.from(turn.text());
            case ASSISTANT -> AiMessage.from(turn.text());
        };
    }
}
