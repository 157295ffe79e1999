package org.ledrl.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells systemd that the platform is ready when it runs as a {@code Type=notify} service: systemd
 * sets {@value #SOCKET_VARIABLE}, and the notice is {@code READY=1} on that socket. The socket is a
 * Unix datagram socket, which Java 17 cannot write to (its Unix-domain channels are stream channels
 * only), so the notice goes through systemd's own {@code systemd-notify}; the unit says
 * {@code NotifyAccess=all} because that helper is a child of the main process. Since systemd 246
 * {@code systemd-notify} waits until systemd has read the notice, so it is not lost when the
 * helper exits first. Without {@value #SOCKET_VARIABLE} (a terminal, a test) nothing happens.
 */
final class ServiceReadiness {

    static final String SOCKET_VARIABLE = "NOTIFY_SOCKET";
    static final String NOTIFY_COMMAND = "systemd-notify";
    private static final long WAIT_SECONDS = 30;

    private final Map<String, String> environment;
    private final PrintStream err;

    ServiceReadiness(Map<String, String> environment, PrintStream err) {
        this.environment = environment;
        this.err = err;
    }

    /** The command that reports ready with a status text, or an empty list when no service manager asked. */
    List<String> command(String status) {
        String socket = environment.getOrDefault(SOCKET_VARIABLE, "");
        if (socket.isBlank()) {
            return List.of();
        }
        return List.of(NOTIFY_COMMAND, "--ready", "--status=" + status);
    }

    /** Reports ready in the background; a failure is one line on standard error, never a stop. */
    void ready(String status) {
        List<String> command = command(status);
        if (command.isEmpty()) {
            return;
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            err.println("ledrl: cannot tell systemd that the platform is ready: " + NOTIFY_COMMAND
                    + " did not start (" + e.getMessage() + "); the unit's Type=notify will time out");
            return;
        }
        Thread watcher = new Thread(() -> {
            try {
                if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    err.println("ledrl: " + NOTIFY_COMMAND + " did not finish within " + WAIT_SECONDS + " s");
                } else if (process.exitValue() != 0) {
                    err.println("ledrl: " + NOTIFY_COMMAND + " failed with status " + process.exitValue()
                            + ": systemd may not have seen that the platform is ready");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ledrl-service-ready");
        watcher.setDaemon(true);
        watcher.start();
    }
}
