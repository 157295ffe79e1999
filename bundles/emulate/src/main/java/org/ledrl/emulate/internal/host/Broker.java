package org.ledrl.emulate.internal.host;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The run's MQTT broker on 127.0.0.1: one already listening on the usual port, or a {@code mosquitto}
 * started on a free port (its configuration and log in the run's folder), which this class can restart and
 * stops at the end. No broker of our own: only Mosquitto's. Used by {@code emulate} and {@code soak}.
 */
public final class Broker implements AutoCloseable {

    static final int USUAL_PORT = 1883;
    static final String INSTALL = "Install Mosquitto (Debian, Ubuntu: apt-get install mosquitto; Fedora: dnf "
            + "install mosquitto; macOS: brew install mosquitto)";
    static final String INSTALL_ADVICE = "emulate needs an MQTT broker on 127.0.0.1: none answers on port "
            + USUAL_PORT + " and no 'mosquitto' program is on the PATH. " + INSTALL + ", or start a broker on "
            + "127.0.0.1:" + USUAL_PORT;

    private final int port;
    private final Path binary; // null: a broker we did not start
    private final Path config;
    private final Path log;
    private Process process;

    private Broker(int port, Path binary, Path config, Path log) {
        this.port = port;
        this.binary = binary;
        this.config = config;
        this.log = log;
    }

    /**
     * The running broker on {@value #USUAL_PORT}, unless {@code own} asks for one of our own (to restart it),
     * or a mosquitto started in {@code folder}.
     *
     * @throws IllegalStateException with {@link #INSTALL_ADVICE} when there is neither
     */
    public static Broker find(boolean own, Path folder, List<String> path) throws IOException, InterruptedException {
        if (!own && answers(USUAL_PORT)) {
            return new Broker(USUAL_PORT, null, null, null);
        }
        return own(folder, path, own ? "a broker restart (--fault broker@...) needs a broker that emulate starts "
                + "itself, and no 'mosquitto' program is on the PATH. " + INSTALL : INSTALL_ADVICE);
    }

    /**
     * A mosquitto of the caller's own on a free port, its configuration and log in {@code folder}.
     *
     * @throws IllegalStateException with {@code refusal} when no 'mosquitto' program is on {@code path}
     */
    public static Broker own(Path folder, List<String> path, String refusal) throws IOException, InterruptedException {
        Optional<Path> binary = mosquitto(path);
        if (binary.isEmpty()) {
            throw new IllegalStateException(refusal);
        }
        int port = freePort();
        Files.createDirectories(folder);
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_queued_messages 10000\n", StandardCharsets.UTF_8);
        Broker broker = new Broker(port, binary.get(), config, folder.resolve("mosquitto.log"));
        broker.start();
        return broker;
    }

    /** Where to look for {@code mosquitto}: the PATH, and the system folders a user's PATH often lacks. */
    public static List<String> searchPath() {
        List<String> path = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        path.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin", "/sbin"));
        return path;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public boolean ours() {
        return binary != null;
    }

    /** Starts our mosquitto and waits until it answers. */
    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers(port)) {
            if (!process.isAlive() || System.nanoTime() > until) {
                throw new IOException("mosquitto did not start on port " + port + " (see " + log + ")");
            }
            Thread.sleep(50);
        }
    }

    /** Stops our mosquitto (SIGTERM, then SIGKILL); its clients lose their connection. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> mosquitto(List<String> path) {
        for (String dir : path) {
            for (String name : List.of("mosquitto")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** A TCP port free on 127.0.0.1 now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
