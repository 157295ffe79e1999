package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge installation on an aarch64 JVM (a Jetson's), under qemu user emulation on this machine:
 * the platform reaches ready, and a seeded simulate with the learned policies (ONNX Runtime's aarch64
 * natives) gives exactly what the same run gives on this machine's own JVM. Needs qemu-user-static
 * and openjdk-17-jre-headless:arm64 (multiarch), which .ci/run installs; skipped where they are missing.
 */
class Aarch64IT {

    /** Where Debian's openjdk-17-jre-headless:arm64 puts its JVM; LEDRL_ARM64_JAVA_HOME overrides it. */
    static final Path ARM64_JAVA_HOME = Path.of(System.getenv().getOrDefault("LEDRL_ARM64_JAVA_HOME",
            "/usr/lib/jvm/java-17-openjdk-arm64"));
    static final String QEMU = "qemu-aarch64-static";
    private static final Duration EMULATED_DEADLINE = Duration.ofSeconds(150);
    private static final String EPISODES = "2";
    private static final String SEED = "7";

    @TempDir
    Path folder;

    private Installation installation;
    private Map<String, String> arm64;

    @BeforeEach
    void arm64JavaUnderQemu() throws Exception {
        assumeTrue(Host.has(QEMU), "aarch64 test skipped: " + QEMU + " is not installed (apt-get install "
                + "qemu-user-static)");
        Path java = ARM64_JAVA_HOME.resolve("bin/java");
        assumeTrue(Files.isExecutable(java), "aarch64 test skipped: no aarch64 Java 17 at " + ARM64_JAVA_HOME
                + " (dpkg --add-architecture arm64; apt-get install openjdk-17-jre-headless:arm64)");
        arm64 = Map.of("JAVA_HOME", emulatedJavaHome(java).toString());
        LedrlProcess.Result version = Host.start(arm64, java("-version")).awaitExit(Duration.ofSeconds(60));
        assumeTrue(version.exitStatus() == 0 && version.stderr().contains("64-Bit"),
                "aarch64 test skipped: qemu cannot run the aarch64 JVM here:\n" + version.describe());
        installation = Installation.copyInto(folder);
    }

    @Test
    void edgeReachesReadyAndSimulatesExactlyAsOnX86() throws Exception {
        try (LedrlProcess platform = installation.start(arm64, "--profile", "edge")) {
            String ready = platform.awaitLine(l -> l.contains("LeDRL Edge ready in"), "ready line under emulation",
                    EMULATED_DEADLINE);
            assertTrue(ready.contains("profile edge"), ready);
            platform.terminate();
            platform.awaitExit(Duration.ofSeconds(60));
        }
        for (String policy : new String[] {"mappo", "ledrl-heuristic"}) {
            JsonNode emulated = simulate(arm64, policy, "arm64");
            JsonNode native64 = simulate(Map.of(), policy, "x86-64");
            assertTrue(native64.path("total").path("tasks").asLong() > 0, native64.toString());
            assertEquals(outcomes(native64), outcomes(emulated), policy + ": aarch64 and x86-64 differ");
        }
    }

    private JsonNode simulate(Map<String, String> environment, String policy, String label) throws Exception {
        Path out = folder.resolve(policy + "-" + label);
        try (LedrlProcess run = installation.start(environment, "--profile", "edge", "simulate", "--scenario",
                "paper-10-random", "--policy", policy, "--episodes", EPISODES, "--seed", SEED, "--out", out.toString())) {
            LedrlProcess.Result result = run.awaitExit(EMULATED_DEADLINE);
            assertEquals(0, result.exitStatus(), () -> label + " " + policy + ": " + result.describe());
        }
        return new ObjectMapper().readTree(out.resolve("results.json").toFile());
    }

    /** What must be equal across machines: tasks, successes and failure reasons, in total and per episode. */
    private static String outcomes(JsonNode results) {
        StringBuilder outcomes = new StringBuilder();
        outcomes.append("total ").append(counts(results.path("total")));
        results.path("episodes").forEach(e -> outcomes.append("\nepisode ").append(counts(e)));
        return outcomes.toString();
    }

    private static String counts(JsonNode node) {
        return "tasks=" + node.path("tasks").asText() + " successes=" + node.path("successes").asText()
                + " failures=" + node.path("failures");
    }

    /** A JAVA_HOME whose bin/java runs the aarch64 JVM under qemu (no binfmt_misc is needed). */
    private Path emulatedJavaHome(Path java) throws IOException {
        Path bin = Files.createDirectories(folder.resolve("jdk-arm64/bin"));
        Path script = bin.resolve("java");
        Files.writeString(script, "#!/bin/sh\nexec " + QEMU + " " + java + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin.getParent();
    }

    private List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(arm64.get("JAVA_HOME"), "bin/java").toString()));
        command.addAll(List.of(args));
        return command;
    }
}
