package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Requests to a listener of the platform under test. The platform opens its ports while it
 * starts and applies configuration files within seconds, so a test asks until the expected
 * status comes or a deadline passes, and then shows what it got last.
 */
final class Http {

    private static final Duration POLL = Duration.ofMillis(200);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * Sends GET {@code uri} (with the headers {@code request} adds) until the answer has
     * {@code status}; fails after {@code deadline} with the last answer, or with a hint about
     * the port when nothing ever answered.
     */
    HttpResponse<String> awaitStatus(URI uri, UnaryOperator<HttpRequest.Builder> request, int status,
            Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        String last = "nothing answered on " + uri.getHost() + ":" + uri.getPort()
                + " (the platform did not open it, or another program holds that port)";
        while (true) {
            try {
                HttpResponse<String> response = client.send(request.apply(HttpRequest.newBuilder(uri).GET()
                        .timeout(Duration.ofSeconds(10))).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == status) {
                    return response;
                }
                last = "status " + response.statusCode() + ": " + response.body();
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > end) {
                fail("GET " + uri + " did not answer " + status + " within " + deadline.toSeconds() + " s; last: " + last);
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
        }
    }

    HttpResponse<String> awaitStatus(URI uri, int status, Duration deadline) throws InterruptedException {
        return awaitStatus(uri, UnaryOperator.identity(), status, deadline);
    }

    static UnaryOperator<HttpRequest.Builder> basic(String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return builder -> builder.header("Authorization", "Basic " + credentials);
    }

    static UnaryOperator<HttpRequest.Builder> bearer(String token) {
        return builder -> builder.header("Authorization", "Bearer " + token);
    }
}
