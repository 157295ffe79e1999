package org.ledrl.emulate.internal.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One gateway's platform process: {@code bin/ledrl} of its folder, started without a command (it stays up,
 * headless), output appended to {@code gateway.log}. Small JVM settings, so that several fit on a small
 * machine ({@link #JAVA_OPTS}). Kill (SIGKILL), pause (SIGSTOP), continue (SIGCONT), restart, stop (SIGTERM,
 * then SIGKILL).
 */
final class GatewayProcess {

    /** A gateway needs little: a small heap, the client compiler, the serial collector. */
    static final String JAVA_OPTS = "-Xms24m -Xmx96m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k "
            + "-XX:ReservedCodeCacheSize=48m";

    private final int node;
    private final Path home;
    private Process process;

    GatewayProcess(int node, Path home) {
        this.node = node;
        this.home = home;
    }

    int node() {
        return node;
    }

    Path home() {
        return home;
    }

    synchronized void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/ledrl").toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("gateway.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.remove("LEDRL_PROFILE");
        environment.put("LEDRL_JAVA_OPTS", JAVA_OPTS);
        environment.putIfAbsent("LEDRL_LOG_LEVEL", "info");
        process = builder.start();
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGKILL: the process ends at once, with no chance to say goodbye (its last will does). */
    synchronized void kill() throws InterruptedException {
        if (alive()) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    synchronized void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    synchronized void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (alive()) {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start()
                    .waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM (after SIGCONT, in case it is paused), then SIGKILL after {@code seconds}. */
    synchronized void stop(long seconds) throws IOException, InterruptedException {
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
    synchronized void killNow() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
