package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.e2e.probe.DeployProbe;

/**
 * {@code bin/ledrl} without a command and without a terminal, as a service manager runs it on a
 * gateway: the ready line, hot deployment through {@code deploy/}, and a clean stop on SIGTERM.
 */
class HeadlessIT {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);
    /** FileInstall polls deploy/ every second. */
    private static final Duration DEPLOY_DEADLINE = Duration.ofSeconds(20);
    /** The launcher gives the framework 30 s to stop. */
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(40);
    /** What the JVM exits with when SIGTERM ends it after its shutdown hooks ran: 128 + 15. */
    private static final int STATUS_AFTER_SIGTERM = 143;
    private static final Pattern READY =
            Pattern.compile("LeDRL Edge ready in (\\d+\\.\\d+) s \\(profile (\\w+), (\\d+) bundles\\)");
    private static final String PROBE = "org.ledrl.e2e.probe";
    private static final String PROBE_2 = "org.ledrl.e2e.probe.second";

    @TempDir
    Path folder;

    private Installation installation;

    @BeforeEach
    void copyInstallation() throws IOException {
        installation = Installation.copyInto(folder);
    }

    @Test
    void startsHotDeploysAndStopsCleanlyOnSigterm() throws Exception {
        try (LedrlProcess platform = installation.start()) {
            Matcher ready = READY.matcher(platform.awaitLine(line -> READY.matcher(line).find(), "ready line",
                    READY_DEADLINE));
            assertTrue(ready.find());
            assertEquals("edge", ready.group(2), "the default profile");
            assertEquals(installation.bundlesOf("edge").size(), Integer.parseInt(ready.group(3)),
                    "every bundle of the edge features is installed");

            Path probe = installation.deploy().resolve("e2e-probe.jar");
            installation.writeAtomically(probe, ProbeBundle.jar(PROBE));
            platform.awaitLine((DeployProbe.STARTED + PROBE)::equals, "start of the deployed probe", DEPLOY_DEADLINE);

            Files.delete(probe);
            platform.awaitLine((DeployProbe.STOPPED + PROBE)::equals, "stop of the removed probe", DEPLOY_DEADLINE);

            // one more, to be stopped with the platform
            installation.writeAtomically(installation.deploy().resolve("e2e-probe-2.jar"), ProbeBundle.jar(PROBE_2));
            platform.awaitLine((DeployProbe.STARTED + PROBE_2)::equals, "start of the second probe", DEPLOY_DEADLINE);

            platform.terminate();
            LedrlProcess.Result stopped = platform.awaitExit(STOP_DEADLINE);

            assertEquals(STATUS_AFTER_SIGTERM, stopped.exitStatus(), stopped::describe);
            assertTrue(stopped.stdout().lines().anyMatch((DeployProbe.STOPPED + PROBE_2)::equals),
                    () -> "the framework stops its bundles on SIGTERM\n" + stopped.describe());
            CommandsIT.assertNoProblem(stopped);
        }
    }
}
