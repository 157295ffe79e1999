package org.ledrl.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code ledrl help}: every command with its summary; {@code ledrl help <command>}: its usage. */
@Component(service = CliCommand.class, name = HelpCommand.COMPONENT_NAME)
public final class HelpCommand implements CliCommand {

    static final String COMPONENT_NAME = "org.ledrl.shell.help";

    private final CommandIndex others = new CommandIndex();

    /** Every command but this one (a component bound to its own service would be circular). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeCommand",
            target = "(!(component.name=" + COMPONENT_NAME + "))")
    void addCommand(CliCommand command, Map<String, Object> properties) {
        others.add(command, properties);
    }

    void removeCommand(CliCommand command, Map<String, Object> properties) {
        others.remove(properties);
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "list the commands, or show how to use one";
    }

    @Override
    public String usage() {
        return """
                Usage: ledrl help            list the commands
                       ledrl help <command>  show how to use <command>""";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Arguments.UsageException {
        List<String> words = Arguments.parse(args, List.of(), List.of()).positional();
        if (words.size() > 1) {
            throw new Arguments.UsageException("give at most one command name");
        }
        List<CliCommand> commands = new ArrayList<>(others.commands());
        commands.add(this);
        commands.sort(Comparator.comparing(CliCommand::name));
        PrintStream out = context.out();
        if (words.isEmpty()) {
            int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0);
            out.println("Commands (run as 'ledrl <command>', or 'ledrl:<command>' in the console):");
            for (CliCommand command : commands) {
                out.printf("  %-" + width + "s  %s%n", command.name(), command.summary());
            }
            out.println("'ledrl help <command>' shows how to use one.");
            return CommandRunner.OK;
        }
        String name = words.get(0);
        for (CliCommand command : commands) {
            if (command.name().equals(name)) {
                out.println(command.name() + ": " + command.summary());
                out.println(command.usage());
                return CommandRunner.OK;
            }
        }
        return CommandRunner.unknown(name, context.err());
    }
}
