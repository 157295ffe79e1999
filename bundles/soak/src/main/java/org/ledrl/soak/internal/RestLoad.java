package org.ledrl.soak.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Decisions over the REST API at a fixed rate from keep-alive connections, and the outcome of a share of them. At
 * most {@value #IN_FLIGHT} requests wait for an answer; a request that would exceed it is counted as an error (the
 * gateway fell behind) rather than queued without bound.
 */
final class RestLoad {

    static final int IN_FLIGHT = 256;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI decisions;
    private final URI outcomes;
    private final String authorization;
    private final double outcomeShare;
    private final Supplier<Tally> tally;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final SplittableRandom random = new SplittableRandom(7);

    RestLoad(int port, String token, double outcomeShare, Supplier<Tally> tally) {
        URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
        this.decisions = api.resolve("decisions");
        this.outcomes = api.resolve("outcomes");
        this.authorization = "Bearer " + token;
        this.outcomeShare = outcomeShare;
        this.tally = tally;
    }

    /** Sends one decision request; called by the pacer only. */
    void send(int sequence) {
        if (!inFlight.tryAcquire()) {
            tally.get().error("REST: more than " + IN_FLIGHT + " decisions waiting for an answer");
            return;
        }
        boolean report;
        boolean success;
        synchronized (random) {
            report = random.nextDouble() < outcomeShare;
            success = random.nextDouble() < 0.8;
        }
        String body = "{\"requestId\":\"soak-" + sequence + "\",\"sizeKB\":" + (250 + sequence % 250)
                + ",\"cyclesPerBit\":" + (800 + sequence % 1600) + ",\"deadlineS\":4,\"type\":\"soak\"}";
        client.sendAsync(post(decisions, body), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    inFlight.release();
                    Tally now = tally.get();
                    if (failure != null || response.statusCode() != 200) {
                        now.error("REST decision: " + (failure != null ? failure : response.statusCode() + " "
                                + response.body()));
                        return;
                    }
                    try {
                        JsonNode answer = json.readTree(response.body());
                        now.decided(answer.path("decisionMicros").asDouble(-1), answer.path("policy").asText(), true);
                        if (report) {
                            report(answer.path("taskId").asLong(), success);
                        }
                    } catch (java.io.IOException e) {
                        now.error("REST decision answer is not JSON: " + response.body());
                    }
                });
    }

    private void report(long taskId, boolean success) {
        String body = "{\"taskId\":" + taskId + (success ? ",\"success\":true" : ",\"failure\":\"DEADLINE_MISSED\"")
                + ",\"latencyS\":1.5}";
        client.sendAsync(post(outcomes, body), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    Tally now = tally.get();
                    if (failure != null || response.statusCode() / 100 != 2) {
                        now.error("REST outcome: " + (failure != null ? failure : response.statusCode() + " "
                                + response.body()));
                    } else {
                        now.outcomes.increment();
                    }
                });
    }

    private HttpRequest post(URI uri, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
