package org.ledrl.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.rest.container.FelixContainer;

/**
 * The LeDRL page in the real Felix Web Console (Jetty 12, the password guard), rendered by a real
 * headless Chromium after login: it shows the nodes (the stale one marked) and the active policy,
 * with a summary line and inline SVG charts of its activity, and its switch button changes the policy.
 * The screenshot and the page's DOM stay in
 * target/console-it for people to look at.
 */
class ConsolePageIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PASSWORD = "console-it-password";
    private static final String TOKEN = "console-it-token-0123456789";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path work;
    private static FelixContainer container;
    private static int consolePort;
    private static int apiPort;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        consolePort = FelixContainer.freePort();
        apiPort = FelixContainer.freePort();
        container = new FelixContainer(work,
                Map.of("org.osgi.service.http.port", String.valueOf(consolePort),
                        "felix.webconsole.manager.root", "/system/console",
                        "felix.webconsole.security.providers", "ledrl"),
                Map.of("org.ledrl.console.security", Map.of(".password", PASSWORD),
                        "org.ledrl.rest", Map.of("port", String.valueOf(apiPort), ".token", TOKEN),
                        "org.ledrl.live", Map.of("localNode", "0", "links", "0-1:25:4"),
                        "org.ledrl.telemetry.proc", Map.of("nodeId", "0")));
        FelixContainer.await("the LeDRL console page answers", DEADLINE, () -> status(page()) == 200,
                () -> status(page()));
        FelixContainer.await("the REST API answers", DEADLINE, () -> decide() == 200, ConsolePageIT::decide);
        for (int i = 0; i < 20; i++) {
            assertEquals(200, decide());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (container != null) {
            container.close();
        }
    }

    private static String page() {
        return "http://127.0.0.1:" + consolePort + "/system/console/ledrl";
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int decide() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v1/decisions"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sizeKB\":300,\"cyclesPerBit\":900,\"deadlineS\":4}"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs headless Chromium on the page, logged in (user and password in the URL), and returns its output. */
    private static String chromium(String output, Path artifacts, String name) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(CHROMIUM), "the console test needs Chromium at " + CHROMIUM
                + " (Debian: apt-get install chromium chromium-driver)");
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        String url = "http://admin:" + PASSWORD + "@127.0.0.1:" + consolePort + "/system/console/ledrl";
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,1400", "--virtual-time-budget=3000"));
        command.add(output);
        command.add(url);
        Path log = artifacts.resolve(name + ".log");
        Path stdout = artifacts.resolve(name + ".out");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(stdout.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 60 s; see " + log);
        }
        assertEquals(0, process.exitValue(), "Chromium failed; see " + log);
        return Files.readString(stdout);
    }

    @Test
    void theConsoleShowsTheNodesAndTheActivePolicyAndSwitchesPolicy() throws Exception {
        Path artifacts = Files.createDirectories(Path.of(System.getProperty("ledrl.it.artifacts", "target/console-it")));
        String dom = chromium("--dump-dom", artifacts, "console-dom");
        Files.writeString(artifacts.resolve("console.html"), dom);
        assertTrue(dom.contains("id=\"ledrl-nodes\""), "the nodes table is there: " + artifacts.resolve("console.html"));
        assertTrue(dom.contains("data-node=\"0\"") && dom.contains("(this gateway)"), "node 0 is shown as this gateway");
        Matcher stale = Pattern.compile("data-node=\"1\">.*?\\(stale\\)", Pattern.DOTALL).matcher(dom);
        assertTrue(stale.find(), "node 1 has no telemetry and is marked stale");
        Matcher active = Pattern.compile("id=\"ledrl-active-policy\">([^<]+)<").matcher(dom);
        assertTrue(active.find(), "the active policy is shown");
        String before = active.group(1);
        assertTrue(List.of("greedy", "local", "random").contains(before), before);
        assertTrue(dom.contains("21 decisions"), "the decisions made through the API are counted");
        assertTrue(dom.contains("id=\"ledrl-status\""), "the summary line is there");
        for (String title : List.of("Decisions per second (decisions/s)", "Success rate (%)", "Decision time (\u00b5s)")) {
            Matcher chart = Pattern.compile("<svg [^>]*class=\"ledrl-chart\"[^>]*>\\s*<title[^>]*>"
                    + Pattern.quote(title) + "</title>").matcher(dom);
            assertTrue(chart.find(), "an inline SVG chart titled " + title);
        }
        Matcher bars = Pattern.compile("<rect [^>]*><title>[^<]*per 10 s: ([0-9.]+) decisions/s</title>").matcher(dom);
        double highestBar = 0;
        while (bars.find()) {
            highestBar = Math.max(highestBar, Double.parseDouble(bars.group(1)));
        }
        assertTrue(highestBar > 0, "the decisions made through the API are a bar of the decisions chart");
        HttpResponse<String> css = HTTP.send(HttpRequest.newBuilder(URI.create(page() + "/res/ledrl.css"))
                .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, css.statusCode(), "the page serves its style sheet");
        assertTrue(css.body().contains(".ledrl-health-down"), css.body());
        assertTrue(dom.contains("/system/console/ledrl/res/ledrl.css"), "the console links the style sheet");

        // the switch button posts the form to the page; the page then shows the new policy
        String next = before.equals("random") ? "local" : "random";
        HttpResponse<String> switched = HTTP.send(HttpRequest.newBuilder(URI.create(page()))
                .header("Authorization", basic()).header("Origin", "http://127.0.0.1:" + consolePort)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("policy=" + next)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, switched.statusCode(), switched.body());
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(page()))
                .header("Authorization", basic()).header("Origin", "http://elsewhere.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("policy=" + before)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), "a form from another site is refused");

        chromium("--screenshot=" + artifacts.resolve("console.png"), artifacts, "console-screenshot");
        assertTrue(Files.size(artifacts.resolve("console.png")) > 10_000, "a screenshot with something on it");
        String after = chromium("--dump-dom", artifacts, "console-dom-after");
        assertTrue(after.contains("id=\"ledrl-active-policy\">" + next + "<"), "the page shows the new policy " + next);
    }
}
