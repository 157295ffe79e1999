package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A steady stream of task decisions over the REST API (one request after the other, from one
 * client), counting what came back: decisions, failed requests, and decisions that fell back because
 * the policy faulted.
 */
final class DecisionLoad implements AutoCloseable {

    private static final String TASK = "{\"sizeKB\": 300, \"deadlineS\": 4, \"computeSeconds\": 0.5}";

    /** What the load saw so far. */
    record Tally(long decided, long failed, long fallbacks, String lastFailure) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpRequest request;
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicReference<String> lastLabel = new AtomicReference<>("");
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");
    private final Thread thread;
    private volatile boolean running = true;

    private final URI outcomes;
    private final String token;
    private volatile Predicate<String> succeeds;

    private DecisionLoad(URI api, String token) {
        this.outcomes = URI.create(api + "/outcomes");
        this.token = token;
        request = HttpRequest.newBuilder(URI.create(api + "/decisions")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TASK)).build();
        thread = new Thread(this::run, "e2e-decision-load");
        thread.setDaemon(true);
    }

    static DecisionLoad start(URI api, String token) {
        DecisionLoad load = new DecisionLoad(api, token);
        load.thread.start();
        return load;
    }

    private void run() {
        while (running) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    String label = mapper.readTree(response.body()).path("policy").asText();
                    if ("fallback".equals(label)) {
                        fallbacks.incrementAndGet();
                    }
                    lastLabel.set(label);
                    decided.incrementAndGet();
                    Predicate<String> judge = succeeds;
                    if (judge != null) {
                        report(mapper.readTree(response.body()).path("taskId").asLong(), judge.test(label));
                    }
                } else {
                    failed.incrementAndGet();
                    lastFailure.set(response.statusCode() + " " + response.body());
                }
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (IOException e) {
                failed.incrementAndGet();
                lastFailure.set(e.toString());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** From now on, reports each decided task's outcome: a success when {@code succeeds} says so for its label. */
    void reportOutcomes(Predicate<String> succeeds) {
        this.succeeds = succeeds;
    }

    private void report(long taskId, boolean success) throws IOException, InterruptedException {
        String body = "{\"taskId\": " + taskId + ", \"latencyS\": 0.5, "
                + (success ? "\"success\": true}" : "\"failure\": \"DEADLINE_MISSED\"}");
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(outcomes).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            failed.incrementAndGet();
            lastFailure.set("outcome: " + response.statusCode() + " " + response.body());
        }
    }

    Tally tally() {
        return new Tally(decided.get(), failed.get(), fallbacks.get(), lastFailure.get());
    }

    /** Waits until the latest decision carries this policy label. */
    void awaitLabel(String label, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!label.equals(lastLabel.get())) {
            if (System.nanoTime() > end) {
                fail("no decision labelled " + label + " within " + deadline.toSeconds() + " s; last label '"
                        + lastLabel.get() + "', " + tally());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(15));
    }
}
