package org.ledrl.live.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.live.InvalidRequestException;

/**
 * Switches the live policy through the runtime bundle's {@code use} command, so that a switch from
 * the REST API, MQTT or the console is saved the same way as one from the shell. Thread-safe; one
 * switch at a time.
 */
final class PolicySwitch {

    private static final String USE_COMMAND = "use";

    private final PolicyRegistry registry;
    private final List<CliCommand> commands = new CopyOnWriteArrayList<>();
    private final Object switching = new Object();

    PolicySwitch(PolicyRegistry registry) {
        this.registry = registry;
    }

    void add(CliCommand command) {
        commands.add(command);
    }

    void remove(CliCommand command) {
        commands.remove(command);
    }

    /** See {@link org.ledrl.live.LiveRuntime#usePolicy}. */
    void use(String policy) throws InvalidRequestException {
        List<String> installed = registry.names();
        if (!installed.contains(policy)) {
            throw new InvalidRequestException("name", "no policy named '" + policy + "' is installed; installed: "
                    + (installed.isEmpty() ? "none" : String.join(", ", installed)));
        }
        CliCommand use = commands.stream().filter(c -> USE_COMMAND.equals(c.name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the runtime bundle's 'use' command is not available"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        // one switch at a time: the command reads, changes and writes one configuration
        synchronized (switching) {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                status = use.run(List.of(policy), new CommandContext(o, e, false, Path.of("")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while switching to policy '" + policy + "'", e);
            } catch (Exception e) {
                throw new IllegalStateException("switching to policy '" + policy + "' failed: " + e.getMessage(), e);
            }
        }
        if (status != 0) {
            throw new IllegalStateException("switching to policy '" + policy + "' failed: "
                    + err.toString(StandardCharsets.UTF_8).strip());
        }
    }
}
