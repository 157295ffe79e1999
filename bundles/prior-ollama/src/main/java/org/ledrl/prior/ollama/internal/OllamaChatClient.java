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
import java.time.Duration;
import java.util.List;
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
 * Ollama's {@code /api/chat} through langchain4j: the answer schema as {@code format}, temperature
 * and thinking in the request, {@code keep_alive} so the model stays loaded between refreshes. With
 * {@code stream} the answer comes as NDJSON chunks (the timeout then bounds the whole answer).
 * Built with an explicit JDK HTTP client: langchain4j's ServiceLoader lookup does not cross bundles.
 */
final class OllamaChatClient implements ChatClient {

    /** The settings of one Ollama endpoint. */
    record Settings(String url, String model, double temperature, Duration timeout, int keepAliveSeconds,
                    boolean think, boolean stream, int contextTokens, boolean logRequests) {
    }

    private final Settings settings;
    private final OllamaChatModel chat;
    private final OllamaStreamingChatModel streaming;

    OllamaChatClient(Settings s) {
        this.settings = s;
        OllamaChatRequestParameters defaults = OllamaChatRequestParameters.builder()
                .modelName(s.model())
                .temperature(s.temperature())
                .think(s.think())
                .keepAlive(s.keepAliveSeconds())
                .numCtx(s.contextTokens() > 0 ? s.contextTokens() : null)
                .build();
        if (s.stream()) {
            this.chat = null;
            this.streaming = OllamaStreamingChatModel.builder()
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(s.url())
                    .timeout(s.timeout())
                    .defaultRequestParameters(defaults)
                    .logRequests(s.logRequests())
                    .logResponses(s.logRequests())
                    .build();
        } else {
            this.streaming = null;
            this.chat = OllamaChatModel.builder()
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(s.url())
                    .timeout(s.timeout())
                    .maxRetries(0) // the guard decides about retries
                    .defaultRequestParameters(defaults)
                    .logRequests(s.logRequests())
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
                .messages(conversation.stream().map(OllamaChatClient::message).toList())
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

    /** What models the server has, for checking a set-up ({@code /api/tags}). */
    String checkServer() {
        try {
            List<OllamaModel> models = OllamaModels.builder()
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(settings.url())
                    .timeout(settings.timeout())
                    .maxRetries(0)
                    .build()
                    .availableModels().content();
            List<String> names = models.stream().map(OllamaModel::getName).toList();
            boolean present = names.contains(settings.model())
                    || (!settings.model().contains(":") && names.contains(settings.model() + ":latest"));
            return present ? "model " + settings.model() + " is available at " + settings.url()
                    : "model " + settings.model() + " is NOT available at " + settings.url() + " (pull it with: ollama pull "
                    + settings.model() + "); the server has: " + (names.isEmpty() ? "no models" : String.join(", ", names));
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
