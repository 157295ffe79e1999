package org.ledrl.prior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Objects;

/**
 * No answer from an LLM server, with the reason ({@link RejectionReason#TIMEOUT},
 * {@link RejectionReason#UNREACHABLE}, {@link RejectionReason#MODEL_NOT_FOUND},
 * {@link RejectionReason#SERVER_ERROR} or {@link RejectionReason#NOT_RECORDED}) and a message for
 * people that never contains credentials.
 */
public final class ChatFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RejectionReason reason;

    public ChatFailure(RejectionReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public RejectionReason reason() {
        return reason;
    }

    /**
     * The failure an HTTP error status means: 404 is a missing model (Ollama and OpenAI-compatible
     * servers both answer so), anything else a server error. The message is the server's own
     * ({@code {"error":"..."}} or {@code {"error":{"message":"..."}}}) where the body has one.
     */
    public static ChatFailure http(int status, String body) {
        String message = errorMessage(body);
        RejectionReason reason = status == 404 ? RejectionReason.MODEL_NOT_FOUND : RejectionReason.SERVER_ERROR;
        return new ChatFailure(reason, "HTTP " + status + ": " + message);
    }

    /**
     * The failure a transport exception means, found anywhere in its chain of causes: a timeout, an
     * unreachable server, or (for anything else) a server error carrying the exception's message.
     */
    public static ChatFailure of(Throwable t, String url) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException || c instanceof ConnectException
                    || c instanceof UnresolvedAddressException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException) {
                return new ChatFailure(RejectionReason.UNREACHABLE, "cannot connect to " + url + ": " + describe(c));
            }
            if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException
                    || c instanceof java.util.concurrent.TimeoutException) {
                return new ChatFailure(RejectionReason.TIMEOUT, "no answer from " + url + " within the timeout");
            }
            if (c instanceof ChatFailure f) {
                return f;
            }
        }
        return new ChatFailure(RejectionReason.SERVER_ERROR, url + ": " + describe(t));
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isTextual()) {
                return error.asText();
            }
            if (error != null && error.hasNonNull("message")) {
                return error.get("message").asText();
            }
            if (root != null && root.path("message").isTextual()) { // vLLM: {"object":"error","message":...}
                return root.get("message").asText();
            }
        } catch (Exception e) {
            // not JSON: the body itself is the message
        }
        String text = body.strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
