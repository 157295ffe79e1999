package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.e2e.probe.DeployProbe;
import org.ledrl.e2e.probe.FailingComponent;
import org.ledrl.e2e.probe.FailingProbe;
import org.ledrl.e2e.probe.ProbePolicy;
import org.ledrl.e2e.probe.ProbePolicyB;
import org.ledrl.e2e.probe.ThrowingPolicy;

/**
 * Plugin updates that roll back, on a running server: a new version in deploy/ that does not resolve,
 * does not start, whose component fails to activate, or whose policy throws on its first decisions is
 * replaced by the previous version, with one ERROR line and "rolled back: reason" in the health; a good
 * new policy version replaces the old one under REST load with no failed decision.
 */
class PluginRollbackIT {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    /** A version is kept as the one to roll back to after 10 s without a problem, checked every 2 s. */
    private static final Duration PROVEN_DEADLINE = Duration.ofSeconds(40);
    private static final Duration ROLLBACK_DEADLINE = Duration.ofSeconds(40);
    private static final String TOKEN = "e2e-api-token-3a7f61c0d9";
    private static final String OSGI_DS = "org.osgi.framework";
    private static final String POLICY_IMPORTS = "org.ledrl.api.model;version=\"[1,2)\",org.ledrl.api.policy;version=\"[1,2)\"";

    @TempDir
    Path folder;

    private final Http http = new Http();
    private final ObjectMapper mapper = new ObjectMapper();
    private Installation installation;
    private URI api;

    @BeforeEach
    void copyInstallation() throws IOException {
        installation = Installation.copyInto(folder);
        installation.setProperty("org.osgi.service.http.port", String.valueOf(FreePort.find()));
        int apiPort = FreePort.find();
        installation.writeAtomically(installation.conf().resolve("org.ledrl.rest.cfg"),
                ("port = " + apiPort + "\n.token = " + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
        api = URI.create("http://127.0.0.1:" + apiPort + "/api/v1");
    }

    @Test
    void updatesThatDoNotResolveStartOrActivateAreRolledBack() throws Exception {
        Map<String, byte[]> good = Map.of(
                "resolves.jar", PluginJar.bundle("org.ledrl.e2e.resolves", "1.0.0").activator(DeployProbe.class).build(),
                "starts.jar", PluginJar.bundle("org.ledrl.e2e.starts", "1.0.0").activator(DeployProbe.class).build(),
                "activates.jar", PluginJar.bundle("org.ledrl.e2e.activates", "1.0.0").activator(DeployProbe.class).build());
        Map<String, byte[]> bad = Map.of(
                "resolves.jar", PluginJar.bundle("org.ledrl.e2e.resolves", "2.0.0")
                        .imports(OSGI_DS + ",com.example.missing;version=\"[1,2)\"").activator(DeployProbe.class).build(),
                "starts.jar", PluginJar.bundle("org.ledrl.e2e.starts", "2.0.0").activator(FailingProbe.class).build(),
                "activates.jar", PluginJar.bundle("org.ledrl.e2e.activates", "2.0.0")
                        .component(FailingComponent.class, null, null).build());
        Map<String, String> reasons = Map.of(
                "resolves.jar", "needs package com.example.missing 1.x, which no installed bundle exports",
                "starts.jar", "does not start: " + FailingProbe.MESSAGE,
                "activates.jar", "component org.ledrl.e2e.activates failed to activate: " + FailingComponent.MESSAGE);

        try (LedrlProcess platform = installation.start("--profile", "server")) {
            platform.awaitLine(line -> line.contains("ready in"), "ready line", READY_DEADLINE);
            for (Map.Entry<String, byte[]> plugin : good.entrySet()) {
                installation.writeAtomically(installation.deploy().resolve(plugin.getKey()), plugin.getValue());
            }
            for (String file : good.keySet()) {
                awaitFile(installation.home().resolve("data/plugins/last-good/" + file), PROVEN_DEADLINE);
            }
            for (Map.Entry<String, byte[]> plugin : bad.entrySet()) {
                installation.writeAtomically(installation.deploy().resolve(plugin.getKey()), plugin.getValue());
            }
            for (String file : bad.keySet()) {
                String line = platform.awaitLine(l -> l.contains("[ERROR]") && l.contains("deploy/" + file)
                        && l.contains("rolled back"), "roll-back line of " + file, ROLLBACK_DEADLINE);
                assertTrue(line.contains(reasons.get(file)), line);
                awaitContent(installation.deploy().resolve(file), good.get(file));
            }
            JsonNode health = awaitPlugins(3);
            for (JsonNode plugin : health.path("plugins")) {
                String file = plugin.path("file").asText();
                assertEquals("rolled back: " + reasons.get(file), plugin.path("reason").asText(), health.toString());
            }
            platform.terminate();
            LedrlProcess.Result stopped = platform.awaitExit(Duration.ofSeconds(40));
            // one roll-back line per plugin; the component watch also names the component that failed to activate
            assertEquals(3, stopped.all().lines().filter(l -> l.contains("[ERROR] DeployWatcher")).count(),
                    "one roll-back ERROR line per plugin:\n" + stopped.describe());
            assertEquals(4, stopped.all().lines().filter(l -> l.contains("[ERROR]")).count(),
                    "and nothing else at ERROR but the failed component:\n" + stopped.describe());
        }
    }

    @Test
    void aGoodPolicyUpdateFailsNoDecisionAndAThrowingOneIsRolledBack() throws Exception {
        Path file = installation.deploy().resolve("policy.jar");
        byte[] v1 = PluginJar.bundle("org.ledrl.e2e.policy", "1.0.0").imports(POLICY_IMPORTS)
                .component(ProbePolicy.class, "org.ledrl.api.policy.OffloadingPolicy", ProbePolicy.NAME).build();
        byte[] v2 = PluginJar.bundle("org.ledrl.e2e.policy", "2.0.0").imports(POLICY_IMPORTS)
                .component(ProbePolicyB.class, "org.ledrl.api.policy.OffloadingPolicy", ProbePolicy.NAME,
                        ProbePolicy.class).build();
        byte[] v3 = PluginJar.bundle("org.ledrl.e2e.policy", "3.0.0").imports(POLICY_IMPORTS)
                .component(ThrowingPolicy.class, "org.ledrl.api.policy.OffloadingPolicy", ProbePolicy.NAME,
                        ProbePolicy.class).build();
        // the plugin's policy decides because it is chosen; the live default (mappo) would win otherwise
        installation.writeAtomically(installation.conf().resolve("org.ledrl.runtime.decision.cfg"),
                ("policy = " + ProbePolicy.NAME + "\n").getBytes(StandardCharsets.UTF_8));

        try (LedrlProcess platform = installation.start("--profile", "server")) {
            platform.awaitLine(line -> line.contains("ready in"), "ready line", READY_DEADLINE);
            http.awaitStatus(URI.create(api + "/health"), Http.bearer(TOKEN), 200, READY_DEADLINE);
            installation.writeAtomically(file, v1);
            try (DecisionLoad load = DecisionLoad.start(api, TOKEN)) {
                load.awaitLabel(ProbePolicy.NAME + "-1", PROVEN_DEADLINE);
                awaitFile(installation.home().resolve("data/plugins/last-good/policy.jar"), PROVEN_DEADLINE);

                // a good update under load: no failed decision
                installation.writeAtomically(file, v2);
                load.awaitLabel(ProbePolicy.NAME + "-2", PROVEN_DEADLINE);
                DecisionLoad.Tally good = load.tally();
                assertEquals(0, good.failed(), good.toString());
                assertEquals(0, good.fallbacks(), "decisions that fell back during a good update: " + good);
                awaitContent(installation.home().resolve("data/plugins/last-good/policy.jar"), v2);

                // a version that throws: rolled back to v2, and every request still gets its decision
                installation.writeAtomically(file, v3);
                String line = platform.awaitLine(l -> l.contains("[ERROR]") && l.contains("rolled back"),
                        "roll-back line", ROLLBACK_DEADLINE);
                assertTrue(line.contains("policy 'e2e-probe' threw IllegalStateException: " + ThrowingPolicy.MESSAGE),
                        line);
                awaitContent(file, v2);
                long before = load.tally().decided();
                load.awaitLabel(ProbePolicy.NAME + "-2", ROLLBACK_DEADLINE);
                DecisionLoad.Tally all = load.tally();
                assertEquals(0, all.failed(), all.toString());
                assertTrue(all.decided() > before, all.toString());
            }
            JsonNode health = awaitPlugins(1);
            assertTrue(health.path("plugins").get(0).path("reason").asText().startsWith("rolled back: policy 'e2e-probe' "
                    + "threw"), health.toString());
            platform.terminate();
            platform.awaitExit(Duration.ofSeconds(40));
        }
    }

    @Test
    void aCanaryWorseThanTheIncumbentIsRolledBackAndAGoodOneIsPromoted() throws Exception {
        installation.writeAtomically(installation.conf().resolve("org.ledrl.runtime.decision.cfg"),
                ("policy = " + ProbePolicy.NAME + "\ncanaryShare = 0.3\ncanarySeconds = 12\ncanaryMargin = 0.05\n"
                        + "canaryMinOutcomes = 5\n")
                        .getBytes(StandardCharsets.UTF_8));
        Path incumbentFile = installation.deploy().resolve("policy.jar");
        Path canaryFile = installation.deploy().resolve("policy.canary.jar");
        byte[] v1 = PluginJar.bundle("org.ledrl.e2e.policy", "1.0.0").imports(POLICY_IMPORTS)
                .component(ProbePolicy.class, "org.ledrl.api.policy.OffloadingPolicy", ProbePolicy.NAME).build();
        byte[] v2 = PluginJar.bundle("org.ledrl.e2e.policy", "2.0.0").imports(POLICY_IMPORTS)
                .component(ProbePolicyB.class, "org.ledrl.api.policy.OffloadingPolicy", ProbePolicy.NAME,
                        ProbePolicy.class).build();
        String incumbent = ProbePolicy.NAME + "-1";
        String canary = ProbePolicy.NAME + "-2";

        try (LedrlProcess platform = installation.start("--profile", "server")) {
            platform.awaitLine(line -> line.contains("ready in"), "ready line", READY_DEADLINE);
            http.awaitStatus(URI.create(api + "/health"), Http.bearer(TOKEN), 200, READY_DEADLINE);
            installation.writeAtomically(incumbentFile, v1);
            try (DecisionLoad load = DecisionLoad.start(api, TOKEN)) {
                load.awaitLabel(incumbent, PROVEN_DEADLINE);

                // the canary fails every task it decides: rolled back, with the figures
                load.reportOutcomes(incumbent::equals);
                installation.writeAtomically(canaryFile, v2);
                load.awaitLabel(canary, PROVEN_DEADLINE);
                String line = platform.awaitLine(l -> l.contains("[ERROR]") && l.contains("policy.canary.jar")
                        && l.contains("rolled back"), "canary roll-back line", ROLLBACK_DEADLINE);
                assertTrue(line.contains("canary success 0.0% of ") && line.contains("incumbent 100.0% of "), line);
                awaitGone(canaryFile);
                JsonNode health = awaitPlugins(1);
                assertTrue(health.path("plugins").get(0).path("reason").asText()
                        .startsWith("rolled back: canary of policy 'e2e-probe' not promoted: canary success 0.0%"),
                        health.toString());
                assertArrayEquals(v1, Files.readAllBytes(incumbentFile), "the incumbent's file changed");

                // the same version again, now as good as the incumbent: promoted in its place
                load.reportOutcomes(label -> true);
                installation.writeAtomically(canaryFile, v2);
                platform.awaitLine(l -> l.contains("[INFO]") && l.contains("policy.canary.jar") && l.contains("promoted"),
                        "canary promotion line", ROLLBACK_DEADLINE);
                awaitContent(incumbentFile, v2);
                awaitGone(canaryFile);
                awaitPlugins(0);
                DecisionLoad.Tally tally = load.tally();
                assertEquals(0, tally.failed(), tally.toString());
                assertEquals(0, tally.fallbacks(), tally.toString());
            }
            platform.terminate();
            platform.awaitExit(Duration.ofSeconds(40));
        }
    }

    private static void awaitGone(Path file) throws InterruptedException {
        long end = System.nanoTime() + ROLLBACK_DEADLINE.toNanos();
        while (Files.exists(file)) {
            assertTrue(System.nanoTime() < end, file + " is still there");
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static void awaitFile(Path file, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!Files.isRegularFile(file)) {
            assertTrue(System.nanoTime() < end, "no " + file + " within " + deadline.toSeconds() + " s");
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static void awaitContent(Path file, byte[] content) throws Exception {
        long end = System.nanoTime() + ROLLBACK_DEADLINE.toNanos();
        while (!Files.isRegularFile(file) || !java.util.Arrays.equals(Files.readAllBytes(file), content)) {
            if (System.nanoTime() > end) {
                assertArrayEquals(content, Files.readAllBytes(file), file + " is not the expected version");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private JsonNode awaitPlugins(int count) throws Exception {
        long end = System.nanoTime() + ROLLBACK_DEADLINE.toNanos();
        while (true) {
            JsonNode body = mapper.readTree(http.awaitStatus(URI.create(api + "/health"), Http.bearer(TOKEN), 200,
                    ROLLBACK_DEADLINE).body());
            if (body.path("plugins").size() == count) {
                return body;
            }
            assertTrue(System.nanoTime() < end, "the health does not list " + count + " plugins: " + body);
            TimeUnit.MILLISECONDS.sleep(300);
        }
    }
}
