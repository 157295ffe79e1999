package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server profile's two doors, configured the way the README tells operators: the Web Console
 * refuses everything until a password is set (LEDRL_CONSOLE_PASSWORD or its file in conf/), the
 * REST API until a token is set (conf/org.ledrl.rest.cfg), applied without a restart and without
 * the platform rewriting the files. Each copy listens on free ports.
 */
class ServerProfileIT {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    /** Ports open and configuration files apply within seconds of the ready line. */
    private static final Duration APPLIED_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(40);
    private static final String PASSWORD = "e2e-console-password-4f9c2a";
    private static final String TOKEN = "e2e-api-token-8d1b7e6a3c";

    @TempDir
    Path folder;

    private final Http http = new Http();
    private Installation installation;
    private URI console;
    private URI consolePage;
    private URI health;
    private int apiPort;

    @BeforeEach
    void copyInstallationOnFreePorts() throws IOException {
        installation = Installation.copyInto(folder);
        int consolePort = FreePort.find();
        apiPort = FreePort.find();
        installation.setProperty("org.osgi.service.http.port", String.valueOf(consolePort));
        writeRestConfiguration("port = " + apiPort + "\n");
        console = URI.create("http://127.0.0.1:" + consolePort + "/system/console");
        consolePage = URI.create(console + "/bundles");
        health = URI.create("http://127.0.0.1:" + apiPort + "/api/v1/health");
    }

    @Test
    void consoleAndApiRefuseEveryRequestUntilConfigured() throws Exception {
        try (LedrlProcess platform = installation.start("--profile", "server")) {
            platform.awaitLine(line -> line.contains("ready in") && line.contains("profile server"), "ready line",
                    READY_DEADLINE);

            HttpResponse<String> refused = http.awaitStatus(console, 503, APPLIED_DEADLINE);
            assertTrue(refused.body().contains("LEDRL_CONSOLE_PASSWORD") && refused.body().contains(".password"),
                    "the console says how to set a password: " + refused.body());
            http.awaitStatus(consolePage, Http.basic("admin", "admin"), 503, APPLIED_DEADLINE);

            HttpResponse<String> noToken = http.awaitStatus(health, Http.bearer(TOKEN), 503, APPLIED_DEADLINE);
            assertTrue(noToken.body().contains("org.ledrl.rest.cfg") && noToken.body().contains(".token"),
                    "the API says how to set a token: " + noToken.body());

            String restFile = "port = " + apiPort + "\n.token = " + TOKEN + "\n";
            writeRestConfiguration(restFile);
            Path rest = installation.conf().resolve("org.ledrl.rest.cfg");
            FileTime written = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
            Files.setLastModifiedTime(rest, written);

            HttpResponse<String> healthy = http.awaitStatus(health, Http.bearer(TOKEN), 200, APPLIED_DEADLINE);
            JsonNode body = new ObjectMapper().readTree(healthy.body());
            assertEquals("UP", body.path("status").asText(), healthy.body());
            // a fresh installation decides with its documented default, whatever registered first
            assertEquals("mappo", body.path("activePolicy").asText(), healthy.body());
            assertEquals("default", body.path("activePolicyReason").asText(), healthy.body());
            http.awaitStatus(health, 401, APPLIED_DEADLINE);
            http.awaitStatus(health, Http.bearer(TOKEN + "x"), 401, APPLIED_DEADLINE);

            installation.writeAtomically(installation.conf().resolve("org.ledrl.console.security.cfg"),
                    ("username = admin\n.password = " + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
            http.awaitStatus(consolePage, Http.basic("admin", PASSWORD), 200, APPLIED_DEADLINE);

            // File Install's write-back could read a file it was rewriting as empty and erase it, so the
            // platform leaves conf/ alone. Config Admin delivers its events in order on one thread: now that
            // the console's change is applied, every listener has seen the REST API's.
            assertEquals(restFile, Files.readString(rest), "the operator's file, as written");
            assertEquals(written, Files.getLastModifiedTime(rest), "the operator's file was written again");

            platform.terminate();
            CommandsIT.assertNoProblem(platform.awaitExit(STOP_DEADLINE));
        }
    }

    @Test
    void consoleNeedsThePasswordFromTheEnvironment() throws Exception {
        try (LedrlProcess platform = installation.start(Map.of("LEDRL_CONSOLE_PASSWORD", PASSWORD),
                "--profile", "server")) {
            platform.awaitLine(line -> line.contains("ready in") && line.contains("profile server"), "ready line",
                    READY_DEADLINE);

            HttpResponse<String> page = http.awaitStatus(consolePage, Http.basic("admin", PASSWORD), 200,
                    APPLIED_DEADLINE);
            assertTrue(page.body().contains("Bundles"), "the console's bundle page");
            http.awaitStatus(consolePage, 401, APPLIED_DEADLINE);
            http.awaitStatus(consolePage, Http.basic("admin", "admin"), 401, APPLIED_DEADLINE);
            http.awaitStatus(console, Http.basic("admin", PASSWORD + "x"), 401, APPLIED_DEADLINE);

            platform.terminate();
            CommandsIT.assertNoProblem(platform.awaitExit(STOP_DEADLINE));
        }
    }

    @Test
    void passwdStoresAPrivateHashTheConsoleAcceptsAndASharedSecretFileIsReported() throws Exception {
        String password = "a-console-password-set-with-passwd";
        LedrlProcess.Result passwd = installation.runWithInput(READY_DEADLINE, password + "\n", "passwd");
        assertEquals(0, passwd.exitStatus(), passwd::describe);
        Path account = installation.conf().resolve("org.ledrl.console.security.cfg");
        String stored = Files.readString(account);
        assertTrue(stored.contains(".password = pbkdf2-sha256$600000$") && !stored.contains(password), stored);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(account)));

        Path rest = installation.conf().resolve("org.ledrl.rest.cfg");
        writeRestConfiguration("port = " + apiPort + "\n.token = " + TOKEN + "\n");
        Files.setPosixFilePermissions(rest, PosixFilePermissions.fromString("rw-r--r--"));
        try (LedrlProcess platform = installation.start("--profile", "server")) {
            platform.awaitLine(line -> line.contains("WARN") && line.contains("conf/org.ledrl.rest.cfg holds a "
                    + "secret (.token)") && line.contains("chmod 600 conf/org.ledrl.rest.cfg"), "secret file warning",
                    READY_DEADLINE);
            platform.awaitLine(line -> line.contains("ready in") && line.contains("profile server"), "ready line",
                    READY_DEADLINE);

            http.awaitStatus(consolePage, Http.basic("admin", password), 200, APPLIED_DEADLINE);
            http.awaitStatus(consolePage, Http.basic("admin", password + "x"), 401, APPLIED_DEADLINE);
            platform.terminate();
            LedrlProcess.Result result = platform.awaitExit(STOP_DEADLINE);
            assertTrue(!result.all().contains(password) && !result.all().contains(TOKEN), "no secret in the log");
        }
    }

    @Test
    void aCommandBesideARunningServerOpensNoListener() throws Exception {
        try (LedrlProcess platform = installation.start("--profile", "server")) {
            platform.awaitLine(line -> line.contains("ready in") && line.contains("profile server"), "ready line",
                    READY_DEADLINE);
            http.awaitStatus(console, 503, APPLIED_DEADLINE);

            LedrlProcess.Result command = installation.run(READY_DEADLINE, "--profile", "server", "policies");

            assertEquals(0, command.exitStatus(), command::describe);
            CommandsIT.assertNoProblem(command);
        }
    }

    private void writeRestConfiguration(String content) throws IOException {
        installation.writeAtomically(installation.conf().resolve("org.ledrl.rest.cfg"),
                content.getBytes(StandardCharsets.UTF_8));
    }
}
