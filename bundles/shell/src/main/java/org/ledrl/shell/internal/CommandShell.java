package org.ledrl.shell.internal;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Function;
import org.ledrl.api.command.CliCommand;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exposes every {@link CliCommand} service as the Gogo command {@code ledrl:<name>}, and in one-shot
 * mode ({@code bin/ledrl <command>}) runs the command the launcher asked for and hands the exit
 * status back (see {@link OneShotRun}).
 */
@Component(immediate = true, service = {})
public final class CommandShell {

    static final String SCOPE = "ledrl";

    private static final Logger LOG = LoggerFactory.getLogger(CommandShell.class);

    private final BundleContext context;
    private final LaunchSettings settings;
    private final CommandIndex commands = new CommandIndex();
    private final Map<String, ServiceRegistration<Function>> gogoCommands = new HashMap<>(); // guarded by itself
    private boolean closed; // guarded by gogoCommands
    private Optional<OneShotRun> oneShot = Optional.empty();

    @Activate
    public CommandShell(BundleContext context) {
        this.context = context;
        this.settings = LaunchSettings.from(context::getProperty);
    }

    @Activate
    void start() {
        oneShot = settings.commandLine().map(line -> OneShotRun.start(context, commands, settings, line));
    }

    @Deactivate
    void stop() {
        oneShot.ifPresent(OneShotRun::cancel);
        synchronized (gogoCommands) {
            closed = true;
            gogoCommands.values().forEach(CommandShell::unregister);
            gogoCommands.clear();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeCommand")
    void addCommand(CliCommand command, Map<String, Object> properties) {
        String name = commands.add(command, properties);
        synchronized (gogoCommands) {
            if (!closed && !gogoCommands.containsKey(name)) {
                Dictionary<String, Object> gogo = new Hashtable<>();
                gogo.put(CommandProcessor.COMMAND_SCOPE, SCOPE);
                gogo.put(CommandProcessor.COMMAND_FUNCTION, name);
                gogoCommands.put(name, context.registerService(Function.class, new GogoCommand(name, commands,
                        settings), gogo));
            }
        }
    }

    void removeCommand(CliCommand command, Map<String, Object> properties) {
        Optional<String> name = commands.remove(properties);
        synchronized (gogoCommands) {
            // keep ledrl:<name> while another service of that name remains
            name.filter(n -> commands.find(n).isEmpty()).map(gogoCommands::remove).ifPresent(CommandShell::unregister);
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            LOG.debug("Gogo command already unregistered", alreadyGone);
        }
    }

    /** The commands bound now, one per name, sorted; for tests. */
    List<CliCommand> commands() {
        return commands.commands();
    }
}
