package org.ledrl.telemetry.tegrastats.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Runs the tegrastats tool (or any command printing its lines) and reads its standard output. */
final class CommandFeed implements LineFeed {

    private final List<String> command;
    private volatile Process process;
    private volatile boolean stopped;

    CommandFeed(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public long pump(Consumer<String> lines) throws IOException, InterruptedException {
        if (stopped) {
            return 0;
        }
        Process started = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process = started;
        long delivered = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(started.getInputStream(), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
                delivered++;
            }
        } catch (IOException e) {
            if (!stopped) {
                throw e;
            }
        } finally {
            started.destroy();
        }
        started.waitFor();
        return delivered;
    }

    @Override
    public void stop() {
        stopped = true;
        Process running = process;
        if (running != null) {
            running.destroy();
        }
    }

    @Override
    public String describe() {
        return "command '" + String.join(" ", command) + "'";
    }
}
