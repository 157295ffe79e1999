package org.ledrl.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What systemd listens on for a {@code Type=notify} service: a Unix datagram socket whose path it
 * passes in {@code NOTIFY_SOCKET}. Java 17 cannot open one, so a few lines of Python do, printing
 * each notice line; the file descriptors systemd-notify sends with its barrier are closed, as
 * systemd does, so that systemd-notify returns at once.
 */
final class NotifySocket implements AutoCloseable {

    private static final String RECEIVER = String.join("\n",
            "import os, socket, sys",
            "path = sys.argv[1]",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "s.bind(path)",
            "os.chmod(path, 0o666)",
            "print('listening', flush=True)",
            "while True:",
            "    msg, fds, flags, addr = socket.recv_fds(s, 65536, 16)",
            "    for fd in fds:",
            "        os.close(fd)",
            "    for line in msg.decode().splitlines():",
            "        print(line, flush=True)",
            "");

    private final Path path;
    private final LedrlProcess receiver;

    private NotifySocket(Path path, LedrlProcess receiver) {
        this.path = path;
        this.receiver = receiver;
    }

    /**
     * Opens the socket in a new folder of the system's temporary folder, which every user may reach (the
     * service user writes to it; a test's own temporary folder is closed to other users).
     */
    static NotifySocket open() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ledrl-notify-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path script = Files.writeString(dir.resolve("receiver.py"), RECEIVER);
        Path socket = dir.resolve("socket");
        LedrlProcess receiver = Host.start(Map.of(), List.of("python3", script.toString(), socket.toString()));
        receiver.awaitLine("listening"::equals, "notify socket", Duration.ofSeconds(20));
        return new NotifySocket(socket, receiver);
    }

    Path path() {
        return path;
    }

    /** Waits for a notice such as {@code READY=1}. */
    void await(String notice, Duration deadline) throws InterruptedException {
        receiver.awaitLine(notice::equals, "'" + notice + "' on NOTIFY_SOCKET", deadline);
    }

    @Override
    public void close() throws IOException {
        receiver.close();
        Path dir = path.getParent();
        Files.deleteIfExists(path);
        Files.deleteIfExists(dir.resolve("receiver.py"));
        Files.deleteIfExists(dir);
    }
}
