package org.ledrl.prior.ollama.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.util.List;
import java.util.function.Supplier;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.ledrl.prior.ChatFailure;
import org.ledrl.prior.ChatTurn;
import org.ledrl.prior.LlmChatClient;
import org.ledrl.prior.LlmEndpoint;
import org.ledrl.prior.PriorSchema;

/**
 * Ollama's {@code /api/chat} through langchain4j: the answer schema as {@code format}, temperature
 * and thinking in the request, {@code keep_alive} so the model stays loaded between refreshes. With
 * {@code stream} the answer comes as NDJSON chunks (the timeout then bounds the whole answer).
 * Built with an explicit JDK HTTP client: langchain4j's ServiceLoader lookup does not cross bundles.
 */
final class OllamaChatClient extends LlmChatClient {

    /** Built on first use ({@link #onFirstUse}); the one of the other mode is null. */
    private final Supplier<OllamaChatModel> chat;
    private final Supplier<OllamaStreamingChatModel> streaming;

    /**
     * @param keepAliveSeconds how long Ollama keeps the model loaded after a request
     * @param contextTokens    the context window to ask for, 0 for the server's default
     */
    OllamaChatClient(LlmEndpoint e, int keepAliveSeconds, int contextTokens) {
        super(e);
        OllamaChatRequestParameters defaults = OllamaChatRequestParameters.builder()
                .modelName(e.model())
                .temperature(e.temperature())
                .think(e.think())
                .keepAlive(keepAliveSeconds)
                .numCtx(contextTokens > 0 ? contextTokens : null)
                .build();
        if (e.stream()) {
            this.chat = null;
            this.streaming = onFirstUse(() -> OllamaStreamingChatModel.builder()
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(e.url())
                    .timeout(e.timeout())
                    .defaultRequestParameters(defaults)
                    .logRequests(e.logRequests())
                    .logResponses(e.logRequests())
                    .build());
        } else {
            this.streaming = null;
            this.chat = onFirstUse(() -> OllamaChatModel.builder()
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(e.url())
                    .timeout(e.timeout())
                    .maxRetries(0) // the guard decides about retries
                    .defaultRequestParameters(defaults)
                    .logRequests(e.logRequests())
                    .logResponses(e.logRequests())
                    .build());
        }
    }

    @Override
    protected String send(List<ChatTurn> conversation, String jsonSchema) throws ChatFailure {
        ChatRequest request = ChatRequest.builder()
                .messages(conversation.stream().map(OllamaChatClient::message).toList())
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

    /** What models the server has ({@code /api/tags}). */
    @Override
    protected String checkModel() {
        LlmEndpoint e = endpoint();
        List<OllamaModel> models = OllamaModels.builder()
                .httpClientBuilder(JdkHttpClient.builder())
                .baseUrl(e.url())
                .timeout(e.timeout())
                .maxRetries(0)
                .build()
                .availableModels().content();
        List<String> names = models.stream().map(OllamaModel::getName).toList();
        boolean present = names.contains(e.model()) || (!e.model().contains(":") && names.contains(e.model() + ":latest"));
        return present ? "model " + e.model() + " is available at " + e.url()
                : "model " + e.model() + " is NOT available at " + e.url() + " (pull it with: ollama pull "
                + e.model() + "); the server has: " + (names.isEmpty() ? "no models" : String.join(", ", names));
    }

    @Override
    public String describe() {
        return "ollama " + endpoint().describe();
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
