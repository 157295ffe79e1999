package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that cannot start says so: a bundle dropped into deploy/ of a running server whose import
 * no installed bundle exports is logged once at ERROR, in plain words, and listed in the REST health
 * and by {@code status} until its file is removed.
 */
class DeployProblemsIT {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    private static final Duration SEEN_DEADLINE = Duration.ofSeconds(30);
    private static final String TOKEN = "e2e-api-token-5e0c9d2b71";
    private static final String REASON = "needs package com.example.missing 1.x, which no installed bundle exports";

    @TempDir
    Path folder;

    private final Http http = new Http();
    private final ObjectMapper mapper = new ObjectMapper();
    private Installation installation;
    private URI health;

    @BeforeEach
    void copyInstallation() throws IOException {
        installation = Installation.copyInto(folder);
        installation.setProperty("org.osgi.service.http.port", String.valueOf(FreePort.find()));
        int apiPort = FreePort.find();
        installation.writeAtomically(installation.conf().resolve("org.ledrl.rest.cfg"),
                ("port = " + apiPort + "\n.token = " + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
        health = URI.create("http://127.0.0.1:" + apiPort + "/api/v1/health");
    }

    @Test
    void anUnresolvablePluginIsOneErrorLineAndListedUntilRemoved() throws Exception {
        try (LedrlProcess platform = installation.start("--profile", "server")) {
            platform.awaitLine(line -> line.contains("ready in"), "ready line", READY_DEADLINE);
            JsonNode before = mapper.readTree(http.awaitStatus(health, Http.bearer(TOKEN), 200, SEEN_DEADLINE).body());
            assertEquals(0, before.path("plugins").size(), before.toString());

            Path bad = installation.deploy().resolve("needs-missing.jar");
            installation.writeAtomically(bad, ProbeBundle.jar("org.ledrl.e2e.needsmissing",
                    "org.osgi.framework,com.example.missing;version=\"[1,2)\""));

            String line = platform.awaitLine(l -> l.contains("[ERROR]") && l.contains("needs-missing.jar"),
                    "ERROR line about the plugin", SEEN_DEADLINE);
            assertEquals(true, line.contains("deploy/needs-missing.jar (org.ledrl.e2e.needsmissing 1.0.0)")
                    && line.endsWith(REASON), line);
            JsonNode listed = awaitPlugins(1);
            assertEquals("needs-missing.jar", listed.path("plugins").get(0).path("file").asText());
            assertEquals(REASON, listed.path("plugins").get(0).path("reason").asText());
            LedrlProcess.Result status = installation.run(READY_DEADLINE, "--profile", "server", "status");
            assertEquals(0, status.exitStatus(), status::describe);
            assertTrue(status.stdout().contains("deploy/needs-missing.jar (org.ledrl.e2e.needsmissing 1.0.0): " + REASON),
                    status.describe());

            Files.delete(bad);
            awaitPlugins(0);
            platform.terminate();
            LedrlProcess.Result stopped = platform.awaitExit(Duration.ofSeconds(40));
            long errors = stopped.all().lines().filter(l -> l.contains("[ERROR]")).count();
            assertEquals(1, errors, "one ERROR line, once:\n" + stopped.describe());
        }
    }

    private JsonNode awaitPlugins(int count) throws Exception {
        long end = System.nanoTime() + SEEN_DEADLINE.toNanos();
        while (true) {
            JsonNode body = mapper.readTree(http.awaitStatus(health, Http.bearer(TOKEN), 200, SEEN_DEADLINE).body());
            if (body.path("plugins").size() == count) {
                return body;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the health does not list " + count + " plugin problems: " + body);
            }
            TimeUnit.MILLISECONDS.sleep(300);
        }
    }
}
