package org.ledrl.emulate.internal.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One gateway's platform process: {@code bin/ledrl} of its folder ({@link InstallationCopy}), started without a
 * command (it stays up, headless), output appended to {@code gateway.log}. Emulated gateways get small JVM settings,
 * so that several fit on a small machine ({@link #JAVA_OPTS}); a soak's gateway those of its profile. Kill
 * (SIGKILL), pause (SIGSTOP), continue (SIGCONT), restart, stop (SIGTERM, then SIGKILL).
 */
public final class GatewayProcess {

    /** A gateway needs little: a small heap, the client compiler, the serial collector. */
    public static final String JAVA_OPTS = "-Xms24m -Xmx96m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k "
            + "-XX:ReservedCodeCacheSize=48m";

    private final int node;
    private final Path home;
    private Process process;

    public GatewayProcess(int node, Path home) {
        this.node = node;
        this.home = home;
    }

    public int node() {
        return node;
    }

    public Path home() {
        return home;
    }

    /** Starts it as an emulated gateway: the configured profile, {@link #JAVA_OPTS}. */
    public synchronized void start() throws IOException {
        start(List.of(), JAVA_OPTS);
    }

    /** Starts {@code bin/ledrl launcherOptions...} with {@code javaOptions} in {@code LEDRL_JAVA_OPTS}. */
    public synchronized void start(List<String> launcherOptions, String javaOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/ledrl").toString());
        command.addAll(launcherOptions);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.remove("LEDRL_PROFILE");
        environment.put("LEDRL_JAVA_OPTS", javaOptions);
        environment.putIfAbsent("LEDRL_LOG_LEVEL", "info");
        process = builder.start();
    }

    public Path log() {
        return home.resolve("gateway.log");
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGKILL: the process ends at once, with no chance to say goodbye (its last will does). */
    public synchronized void kill() throws InterruptedException {
        if (alive()) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    public synchronized void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    public synchronized void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (alive()) {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start()
                    .waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM (after SIGCONT, in case it is paused), then SIGKILL after {@code seconds}. */
    public synchronized void stop(long seconds) throws IOException, InterruptedException {
        if (!alive()) {
            return;
        }
        signal("CONT");
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** For a shutdown hook: no waiting. */
    public synchronized void killNow() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
