package org.ledrl.runtime.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ledrl use <policy>}: makes the decision service decide with that policy, by writing its
 * {@code policy} setting through Config Admin (so the choice survives a restart), then waits until
 * the decision service has switched.
 */
@Component(service = CliCommand.class)
public final class UseCommand implements CliCommand {

    /** How long to wait for the decision service to pick up the new setting. */
    private static final long SWITCH_TIMEOUT_MILLIS = 5_000;

    private static final String DEFAULT = "default";

    private final DecisionStatus status;
    private final ConfigurationAdmin configurationAdmin;

    @Activate
    public UseCommand(@Reference DecisionStatus status, @Reference ConfigurationAdmin configurationAdmin) {
        this.status = status;
        this.configurationAdmin = configurationAdmin;
    }

    @Override
    public String name() {
        return "use";
    }

    @Override
    public String summary() {
        return "choose the offloading policy the decision service decides with";
    }

    @Override
    public String usage() {
        return """
                Usage: ledrl use <policy>      decide with <policy> from now on, also after a restart
                       ledrl use --default     decide with the default policy again (setting 'defaults' of
                                               org.ledrl.runtime.decision: mappo, else heuristic-prior)
                'ledrl policies' lists the installed policies.""";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Arguments.UsageException, IOException,
            InterruptedException {
        Arguments arguments = Arguments.parse(args, List.of(), List.of(DEFAULT));
        List<String> names = arguments.positional();
        boolean byDefault = arguments.flag(DEFAULT);
        if (byDefault ? !names.isEmpty() : names.size() != 1) {
            throw new Arguments.UsageException("give one policy name, or --default");
        }
        String wanted = byDefault ? "" : names.get(0).trim();
        List<String> installed = status.installed().stream().map(PolicyEntry::name).distinct().sorted().toList();
        if (!wanted.isEmpty() && !installed.contains(wanted)) {
            context.err().println("No policy named '" + wanted + "' is installed; installed: "
                    + (installed.isEmpty() ? "none" : String.join(", ", installed)));
            return 1;
        }

        save(wanted);
        String expected = status.selectionFor(wanted);
        if (!awaitActive(expected)) {
            context.err().println("Saved, but the decision service still decides with '" + status.activePolicy()
                    + "' after " + SWITCH_TIMEOUT_MILLIS / 1000 + " s");
            return 1;
        }
        context.out().println("Deciding with '" + expected + "' (" + status.activePolicyReason() + ")");
        return 0;
    }

    private void save(String policy) throws IOException {
        // "?": not bound to one bundle, like the configurations File Install creates
        Configuration configuration = configurationAdmin.getConfiguration(DecisionServiceImpl.PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(DecisionServiceImpl.POLICY_SETTING, policy);
        configuration.update(properties);
    }

    /** Waits for Config Admin and DS to deliver the setting; they do so asynchronously. */
    private boolean awaitActive(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SWITCH_TIMEOUT_MILLIS);
        while (!expected.equals(status.activePolicy())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
