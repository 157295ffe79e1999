package org.ledrl.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.osgi.framework.Constants;

/** A command for the shell's tests: records its arguments and does what its body says. */
final class TestCommand implements CliCommand {

    interface Body {
        int run(List<String> args, CommandContext context) throws Exception;
    }

    final List<List<String>> calls = new ArrayList<>();
    private final String name;
    private final Body body;

    TestCommand(String name, Body body) {
        this.name = name;
        this.body = body;
    }

    static TestCommand returning(String name, int status) {
        return new TestCommand(name, (args, context) -> status);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return "summary of " + name;
    }

    @Override
    public String usage() {
        return "Usage: ledrl " + name + " <thing>";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Exception {
        calls.add(args);
        return body.run(args, context);
    }

    static Map<String, Object> service(long id, int ranking) {
        return Map.of(Constants.SERVICE_ID, id, Constants.SERVICE_RANKING, ranking);
    }

    /** A context writing to memory. */
    static final class Captured {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Path.of("home"));

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }
}
