package org.ledrl.soak.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MQTT broker of a soak run: a {@code mosquitto} of its own on a free port of 127.0.0.1, so the run's traffic
 * mixes with nothing else; else one already listening on 127.0.0.1:1883. Never a home-made broker.
 */
final class Broker implements AutoCloseable {

    private static final List<String> PLACES = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto",
            "/usr/local/sbin/mosquitto", "/opt/homebrew/sbin/mosquitto");

    private final Process process;
    private final int port;

    private Broker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /**
     * @throws IOException saying how to install a broker when there is none to start or use
     */
    static Broker start(Path workDir) throws IOException, InterruptedException {
        Path binary = Stream.concat(PLACES.stream().map(Path::of), pathEntries()).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (binary != null) {
            int port = freePort();
            Path config = workDir.resolve("mosquitto.conf");
            Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                    + "max_queued_messages 100000\n");
            Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("mosquitto.log").toFile()).start();
            Broker broker = new Broker(process, port);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!accepts(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    broker.close();
                    throw new IOException("mosquitto did not start on 127.0.0.1:" + port + "; see "
                            + workDir.resolve("mosquitto.log"));
                }
                Thread.sleep(50);
            }
            return broker;
        }
        if (accepts(1883)) {
            return new Broker(null, 1883);
        }
        throw new IOException("soak needs an MQTT broker: install Mosquitto (Debian, Ubuntu: sudo apt-get install "
                + "mosquitto), or run one on 127.0.0.1:1883");
    }

    private static Stream<Path> pathEntries() {
        String path = System.getenv("PATH");
        return path == null ? Stream.empty() : Stream.of(path.split(":")).map(p -> Path.of(p, "mosquitto"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
