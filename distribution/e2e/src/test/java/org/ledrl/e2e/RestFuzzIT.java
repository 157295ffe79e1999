package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.json.fuzz.Mutants;
import org.ledrl.json.fuzz.Refusals;

/**
 * 10,000 fuzzed HTTP requests against the REST API of a running server profile, over raw sockets so
 * that broken requests reach it as a flaky link or a hostile client sends them: mutated bodies of
 * valid requests, wrong or missing headers (token, content type), bodies shorter than their
 * Content-Length, broken chunked encoding, unknown paths and methods. No answer may be a 5xx, every
 * 4xx says what is wrong in the project's words, and the whole run adds at most 20 KB and no ERROR
 * line to the log. It prints the counts.
 */
class RestFuzzIT {

    static final int CASES = Integer.getInteger("ledrl.fuzz.cases", 10_000);
    static final long SEED = Long.getLong("ledrl.fuzz.seed", 20L);
    private static final int MAX_LOG_BYTES = 20 * 1024;
    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    private static final String TOKEN = "e2e-api-token-8d1b7e6a3c";
    private static final List<String> BODIES = List.of(
            "{\"requestId\":\"r1\",\"origin\":0,\"sizeKB\":300,\"cyclesPerBit\":1200,\"deadlineS\":4,\"type\":\"video\"}",
            "{\"sizeKB\":250,\"computeSeconds\":0.5,\"deadlineS\":4}",
            "{\"taskId\":1,\"success\":true,\"latencyS\":1.5}",
            "{\"taskId\":2,\"executor\":0,\"failure\":\"DEADLINE_MISSED\",\"latencyS\":4}",
            "{\"name\":\"greedy\"}");
    private static final List<String> PATHS = List.of("decisions", "decisions", "decisions", "outcomes", "outcomes",
            "policies/active", "nodes", "health", "policies", "openapi.json", "nothing", "decisions/../health",
            "decisions?x=%zz", "%00");

    @TempDir
    Path folder;

    @Test
    void tenThousandBadRequestsCostA400AndNoLog() throws Exception {
        Installation installation = Installation.copyInto(folder);
        installation.setProperty("org.osgi.service.http.port", String.valueOf(FreePort.find()));
        int port = FreePort.find();
        installation.writeAtomically(installation.conf().resolve("org.ledrl.rest.cfg"),
                ("port = " + port + "\n.token = " + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
        try (LedrlProcess platform = installation.start("--profile", "server")) {
            platform.awaitLine(line -> line.contains("ready in") && line.contains("profile server"), "ready line",
                    READY_DEADLINE);
            new Http().awaitStatus(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/health"),
                    Http.bearer(TOKEN), 200, Duration.ofSeconds(30));
            int[] mark = platform.mark();

            Random random = new Random(SEED);
            Map<String, Integer> statuses = new TreeMap<>();
            long started = System.nanoTime();
            for (int i = 0; i < CASES; i++) {
                Request request = request(random);
                Answer answer = send(port, request);
                statuses.merge(answer.status() == 0 ? "dropped" : String.valueOf(answer.status()), 1, Integer::sum);
                assertTrue(answer.status() < 500, () -> "answer " + answer + " to " + request);
                if (answer.status() >= 400) {
                    Refusals.assertNoLeak(answer.body(), request.toString());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(2_000); // lines written for the last requests
            List<String> added = platform.linesSince(mark[0], mark[1]);
            long bytes = added.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1L).sum();
            long errors = added.stream().filter(l -> l.contains("ERROR")).count();
            JettyBufferRace.Split split = JettyBufferRace.split(added);
            int jettyRaces = split.races();
            long frames = split.ours().stream().filter(JettyBufferRace::isFrame).count();
            System.out.printf("REST fuzz: %d cases (seed %d) in %.1f s; status codes %s; log added %d bytes in %d "
                    + "lines, %d ERROR lines, %d stack frames, %d of Jetty's buffer release race%n", CASES, SEED,
                    seconds, statuses, bytes, added.size(), errors, frames, jettyRaces);
            added.forEach(line -> System.out.println("  log: " + line));
            assertEquals(0, errors, () -> "ERROR lines: " + added);
            assertEquals(0, frames, () -> "stack frames: " + added);
            // Jetty's defect (see JettyBufferRace) is tolerated a few times per run, never more
            assertTrue(jettyRaces <= 3, () -> jettyRaces + " of Jetty's buffer release race: " + added);
            assertTrue(bytes <= MAX_LOG_BYTES, () -> bytes + " bytes of log for " + CASES + " bad requests: " + added);
            platform.terminate();
            platform.awaitExit(Duration.ofSeconds(40));
        }
    }

    /** One HTTP/1.1 request as bytes, and how to send it. */
    record Request(String head, byte[] body, boolean shutOutputEarly) {
        @Override
        public String toString() {
            return Refusals.printable(head + new String(body, StandardCharsets.UTF_8));
        }
    }

    record Answer(int status, String body) {
    }

    static Request request(Random random) {
        String method = random.nextInt(10) == 0 ? List.of("GET", "PUT", "DELETE", "PATCH", "POST").get(random.nextInt(5))
                : "POST";
        String path = PATHS.get(random.nextInt(PATHS.size()));
        if (method.equals("POST") && path.startsWith("policies/active")) {
            method = "PUT";
        }
        String body = Mutants.mutate(BODIES, random);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " /api/v1/" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n");
        int auth = random.nextInt(20);
        head.append(auth == 0 ? "" : auth == 1 ? "Authorization: Bearer wrong-token-0000000\r\n"
                : auth == 2 ? "Authorization: Basic YWRtaW46YWRtaW4=\r\n" : "Authorization: Bearer " + TOKEN + "\r\n");
        int type = random.nextInt(15);
        head.append(type == 0 ? "" : type == 1 ? "Content-Type: text/plain\r\n"
                : type == 2 ? "Content-Type: application/json; charset=latin-1\r\n" : "Content-Type: application/json\r\n");
        boolean early = false;
        int framing = random.nextInt(12);
        if (framing == 0) {
            // announces more than it sends, then closes its side: a flaky link
            head.append("Content-Length: ").append(bytes.length + 1 + random.nextInt(100)).append("\r\n");
            early = true;
        } else if (framing == 1) {
            head.append("Transfer-Encoding: chunked\r\n");
            String chunk = List.of("zz\r\n", Integer.toHexString(bytes.length + 7) + "\r\n", "5\r\nabc", "-1\r\n")
                    .get(random.nextInt(4));
            bytes = (chunk + body).getBytes(StandardCharsets.UTF_8);
            early = true;
        } else if (framing == 2) {
            head.append("Content-Length: ").append(Math.max(0, bytes.length - 1 - random.nextInt(5))).append("\r\n");
        } else {
            head.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        return new Request(head.append("\r\n").toString(), bytes, early);
    }

    static Answer send(int port, Request request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.head().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            if (request.shutOutputEarly()) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within 30 s to " + request, e);
            } catch (IOException e) {
                // reset after the answer: what was read is the answer
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 ")) {
                return new Answer(0, ""); // dropped without an answer: allowed for a broken request
            }
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyAt = text.indexOf("\r\n\r\n");
            return new Answer(status, bodyAt < 0 ? "" : text.substring(bodyAt + 4));
        }
    }
}
