package org.ledrl.emulate.internal.soak;

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
 * Decisions over the REST API at a fixed rate from {@value #CLIENTS} keep-alive clients, each sending one request at
 * a time as an integrator's gateway would, and the outcome of a share of them. The pacer hands out requests; at most
 * {@value #BEHIND_SECONDS} s of them may wait for a free client (as an MQTT request may wait that long for its reply),
 * and one that would exceed it is counted as an error (the gateway fell behind) rather than queued without bound.
 */
final class RestLoad implements AutoCloseable {

    static final int CLIENTS = 4;
    static final int BEHIND_SECONDS = MqttLoad.LOST_AFTER_SECONDS;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI decisions;
    private final URI outcomes;
    private final String authorization;
    private final double outcomeShare;
    private final Supplier<Tally> tally;
    private final Semaphore due = new Semaphore(0);
    private final java.util.concurrent.atomic.AtomicInteger sequence = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
    private final SplittableRandom random = new SplittableRandom(7);
    private final java.util.List<Thread> clients = new java.util.ArrayList<>();

    private final int backlog;

    RestLoad(int port, String token, int decisionsPerSecond, double outcomeShare, Supplier<Tally> tally) {
        this.backlog = Math.max(CLIENTS, decisionsPerSecond * BEHIND_SECONDS);
        URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
        this.decisions = api.resolve("decisions");
        this.outcomes = api.resolve("outcomes");
        this.authorization = "Bearer " + token;
        this.outcomeShare = outcomeShare;
        this.tally = tally;
        for (int i = 0; i < CLIENTS; i++) {
            Thread client = new Thread(this::work, "ledrl-soak-rest-" + i);
            client.setDaemon(true);
            client.start();
            clients.add(client);
        }
    }

    /** Asks for one more decision; called by the pacer. */
    void request() {
        if (due.availablePermits() >= backlog) {
            tally.get().error("REST: more than " + BEHIND_SECONDS + " s of decisions (" + backlog
                    + ") waiting for a free client");
            return;
        }
        due.release();
    }

    private void work() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                due.acquire();
                send(sequence.getAndIncrement());
                sent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends {@code requests} decisions as fast as the clients go and waits for them: a gateway's first REST
     * decisions take most of a second (first use of its HTTP and JSON paths), which at the soak's rate would
     * overflow the backlog before the drive is under way. What they count goes to the tally of the moment.
     */
    void warmUp(int requests, Duration deadline) throws java.io.IOException, InterruptedException {
        int target = sent.get() + requests;
        due.release(requests);
        long end = System.nanoTime() + deadline.toNanos();
        while (sent.get() < target) {
            if (System.nanoTime() > end) {
                throw new java.io.IOException("the gateway's REST decisions did not answer " + requests
                        + " warm-up requests within " + deadline.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        clients.forEach(Thread::interrupt);
    }

    private void send(int sequence) {
        boolean report;
        boolean success;
        synchronized (random) {
            report = random.nextDouble() < outcomeShare;
            success = random.nextDouble() < 0.8;
        }
        String body = "{\"requestId\":\"soak-" + sequence + "\",\"sizeKB\":" + (250 + sequence % 250)
                + ",\"cyclesPerBit\":" + (800 + sequence % 1600) + ",\"deadlineS\":4,\"type\":\"soak\"}";
        HttpResponse<String> response = call(decisions, body, "REST decision");
        if (response == null) {
            return;
        }
        try {
            JsonNode answer = json.readTree(response.body());
            tally.get().decided(answer.path("decisionMicros").asDouble(-1), answer.path("policy").asText(), true);
            if (report && call(outcomes, "{\"taskId\":" + answer.path("taskId").asLong()
                    + (success ? ",\"success\":true" : ",\"failure\":\"DEADLINE_MISSED\"") + ",\"latencyS\":1.5}",
                    "REST outcome") != null) {
                tally.get().outcomes.increment();
            }
        } catch (java.io.IOException e) {
            tally.get().error("REST decision answer is not JSON: " + response.body());
        }
    }

    /** One request; null (and an error counted) unless it is answered 2xx. */
    private HttpResponse<String> call(URI uri, String body, String what) {
        try {
            HttpResponse<String> response = client.send(post(uri, body), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return response;
            }
            tally.get().error(what + ": " + response.statusCode() + " " + response.body());
        } catch (java.io.IOException e) {
            tally.get().error(what + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private HttpRequest post(URI uri, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
