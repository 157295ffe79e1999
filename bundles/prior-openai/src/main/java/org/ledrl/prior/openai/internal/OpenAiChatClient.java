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
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.ledrl.prior.ChatFailure;
import org.ledrl.prior.ChatTurn;
import org.ledrl.prior.LlmChatClient;
import org.ledrl.prior.LlmEndpoint;
import org.ledrl.prior.PriorSchema;

/**
 * An OpenAI-compatible {@code /v1/chat/completions} endpoint through langchain4j: the answer schema as
 * {@code response_format} json_schema, the temperature, and for Qwen3-style chat templates
 * {@code chat_template_kwargs.enable_thinking} (understood by vLLM and llama.cpp's server). With
 * {@code stream} the answer comes as SSE {@code data:} lines ending with {@code [DONE]}. The API key,
 * when there is one, goes in the Authorization header and nowhere else.
 */
final class OpenAiChatClient extends LlmChatClient {

    private final String apiKey;
    /** Built on first use ({@link #onFirstUse}); the one of the other mode is null. */
    private final Supplier<OpenAiChatModel> chat;
    private final Supplier<OpenAiStreamingChatModel> streaming;

    /**
     * @param apiKey         the API key, null when there is none
     * @param thinkingSwitch whether to send {@code chat_template_kwargs.enable_thinking}
     * @param maxTokens      longest answer in tokens, 0 to leave it to the server
     */
    OpenAiChatClient(LlmEndpoint e, String apiKey, boolean thinkingSwitch, int maxTokens) {
        super(e);
        this.apiKey = apiKey;
        Map<String, Object> custom = thinkingSwitch
                ? Map.of("chat_template_kwargs", Map.of("enable_thinking", e.think())) : Map.of();
        Integer maxAnswerTokens = maxTokens > 0 ? maxTokens : null;
        boolean logRequests = e.logRequests() && apiKey == null; // request logs would show the key
        if (e.stream()) {
            this.chat = null;
            this.streaming = onFirstUse(() -> OpenAiStreamingChatModel.builder()
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(e.url())
                    .apiKey(apiKey)
                    .modelName(e.model())
                    .temperature(e.temperature())
                    .maxTokens(maxAnswerTokens)
                    .timeout(e.timeout())
                    .customParameters(custom)
                    .logRequests(logRequests)
                    .logResponses(e.logRequests())
                    .build());
        } else {
            this.streaming = null;
            this.chat = onFirstUse(() -> OpenAiChatModel.builder()
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(e.url())
                    .apiKey(apiKey)
                    .modelName(e.model())
                    .temperature(e.temperature())
                    .maxTokens(maxAnswerTokens)
                    .timeout(e.timeout())
                    .maxRetries(0) // the guard decides about retries
                    .customParameters(custom)
                    .logRequests(logRequests)
                    .logResponses(e.logRequests())
                    .build());
        }
    }

    @Override
    protected String send(List<ChatTurn> conversation, String jsonSchema) throws ChatFailure {
        ChatRequest request = ChatRequest.builder()
                .messages(conversation.stream().map(OpenAiChatClient::message).toList())
                .responseFormat(ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name(PriorSchema.NAME)
                                .rootElement(JsonRawSchema.from(jsonSchema)).build())
                        .build())
                .build();
        if (!endpoint().stream()) {
            return chat.get().chat(request).aiMessage().text();
        }
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.get().chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return awaitStreamed(done).aiMessage().text();
    }

    /** What models the server serves ({@code GET /v1/models}). */
    @Override
    protected String checkModel() {
        LlmEndpoint e = endpoint();
        List<String> names = OpenAiModelCatalog.builder()
                .httpClientBuilder(JdkHttpClient.builder())
                .baseUrl(e.url())
                .apiKey(apiKey)
                .connectTimeout(e.timeout())
                .readTimeout(e.timeout())
                .build()
                .listModels().stream().map(ModelDescription::name).toList();
        return names.contains(e.model()) ? "model " + e.model() + " is served at " + e.url()
                : "model " + e.model() + " is NOT among the models served at " + e.url() + ": "
                + (names.isEmpty() ? "none" : String.join(", ", names));
    }

    @Override
    public String describe() {
        return "openai-compatible " + endpoint().describe() + ", API key " + (apiKey == null ? "none" : "set");
    }

    @Override
    protected OptionalInt httpStatus(Throwable t) {
        return t instanceof HttpException http ? OptionalInt.of(http.statusCode()) : OptionalInt.empty();
    }

    private static ChatMessage message(ChatTurn turn) {
        return switch (turn.role()) {
            case SYSTEM -> SystemMessage.from(turn.text());
            case USER -> UserMessage.from(turn.text());
            case ASSISTANT -> AiMessage.from(turn.text());
        };
    }
}
