package org.ledrl.telemetry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker for a test (the MQTT telemetry and the live runtime tests use it): started on 127.0.0.1 on a free port with a configuration
 * file the test writes, restartable on the same port. Mosquitto missing is a failure, not a skip:
 * CI installs it (Debian package {@code mosquitto}).
 */
public final class Mosquitto implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(20);

    private final Path binary;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    public Mosquitto(Path workDir) throws IOException {
        this.binary = findBinary();
        this.port = freePort();
        this.config = workDir.resolve("mosquitto.conf");
        this.log = workDir.resolve("mosquitto.log");
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "log_dest stdout",
                "") );
        start();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public void start() throws IOException {
        process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Await.until(START_DEADLINE, "mosquitto accepts connections on port " + port, this::accepting, this::logTail);
    }

    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private boolean accepting() {
        if (!process.isAlive()) {
            throw new AssertionError("mosquitto exited with " + process.exitValue() + ": " + logTail());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static Path findBinary() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, "mosquitto");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "mosquitto");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("The MQTT tests need the mosquitto broker: install it (Debian: apt-get install mosquitto)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
