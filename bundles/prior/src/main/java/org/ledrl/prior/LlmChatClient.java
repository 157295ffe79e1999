package org.ledrl.prior;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The part of an LLM server's {@link ChatClient} that does not depend on its wire protocol: the
 * {@link LlmEndpoint}, turning whatever the HTTP library throws into a {@link ChatFailure}, the
 * timeout of a streamed answer, and a model check that never throws. LLM provider bundles extend it
 * with their protocol: how a request is sent ({@link #send}), how models are listed
 * ({@link #checkModel}) and which exception carries an HTTP status ({@link #httpStatus}).
 */
public abstract class LlmChatClient implements ChatClient {

    private final LlmEndpoint endpoint;

    protected LlmChatClient(LlmEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint);
    }

    /**
     * Builds a protocol client on its first use and keeps it: a provider that is never asked costs no HTTP client,
     * TLS set-up or library start at the platform's start.
     *
     * @since 1.4
     */
    protected static <T> Supplier<T> onFirstUse(Supplier<T> build) {
        Objects.requireNonNull(build);
        return new Supplier<>() {
            private volatile T built;

            @Override
            public T get() {
                T t = built;
                if (t == null) {
                    synchronized (this) {
                        t = built;
                        if (t == null) {
                            t = Objects.requireNonNull(build.get());
                            built = t;
                        }
                    }
                }
                return t;
            }
        };
    }

    public final LlmEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public final String model() {
        return endpoint.model();
    }

    @Override
    public final String complete(List<ChatTurn> conversation, String jsonSchema) throws ChatFailure {
        try {
            String text = send(conversation, jsonSchema);
            return text == null ? "" : text;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /**
     * Sends {@code conversation} with the answer schema, streamed or not as the endpoint says, and
     * returns the answer's text (null for none). Exceptions the HTTP library throws may pass through.
     */
    protected abstract String send(List<ChatTurn> conversation, String jsonSchema) throws ChatFailure;

    /** The result of a streamed answer once it is complete, or the failure when it is not within the timeout. */
    protected final <T> T awaitStreamed(CompletableFuture<T> done) throws ChatFailure {
        try {
            return done.get(endpoint.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.cancel(true);
            throw new ChatFailure(RejectionReason.TIMEOUT, "no complete answer from " + endpoint.url() + " within "
                    + endpoint.timeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure(RejectionReason.TIMEOUT, "interrupted while waiting for " + endpoint.url());
        }
    }

    /** Whether the server is there and has the model, one line for people; never throws. */
    public final String checkServer() {
        try {
            return checkModel();
        } catch (RuntimeException e) {
            return failure(e).getMessage();
        }
    }

    /** Asks the server for its models and says whether the endpoint's model is among them. */
    protected abstract String checkModel();

    /** The server, model and settings, for people (never a credential). No network access. */
    public abstract String describe();

    /** The HTTP status {@code t} carries when it is the HTTP library's error for a status, else empty. */
    protected abstract OptionalInt httpStatus(Throwable t);

    private ChatFailure failure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            OptionalInt status = httpStatus(c);
            if (status.isPresent()) {
                return ChatFailure.http(status.getAsInt(), c.getMessage());
            }
        }
        return ChatFailure.of(e, endpoint.url());
    }
}
