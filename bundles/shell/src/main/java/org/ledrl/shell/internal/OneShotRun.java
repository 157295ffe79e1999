package org.ledrl.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.health.PlatformProblem;
import org.ledrl.api.health.PlatformProblems;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-shot mode ({@code bin/ledrl <command> [args]}): once the framework has reached its start
 * level, waits for the command to be registered, runs it on System.out and System.err, and passes the exit status to the launcher's {@link IntConsumer}
 * (service property {@code ledrl.exit=true}), which stops the framework and exits the JVM.
 */
final class OneShotRun {

    /** The longest wait for a command, even while services keep appearing. */
    static final long COMMAND_TIMEOUT_SECONDS = 30;
    /**
     * A command still missing when no service has come or gone for this long will not come: the
     * name is unknown (a typo is refused in seconds, not after the full timeout).
     */
    static final long SETTLED_MILLIS = 2_000;
    private static final long POLL_MILLIS = 100;
    /** The longest wait for File Install to start the plugins of deploy/ (it works in rounds of a second or two). */
    static final long DEPLOY_TIMEOUT_SECONDS = 15;
    /** The launcher registers its exit consumer before starting bundles; this only covers a slow registry. */
    private static final long EXIT_TIMEOUT_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(OneShotRun.class);

    private final BundleContext context;
    private final CommandIndex commands;
    private final LaunchSettings settings;
    private final List<String> commandLine;
    private final Thread thread;

    private OneShotRun(BundleContext context, CommandIndex commands, LaunchSettings settings, List<String> commandLine) {
        this.context = context;
        this.commands = commands;
        this.settings = settings;
        this.commandLine = commandLine;
        this.thread = new Thread(this::run, "ledrl-one-shot");
    }

    static OneShotRun start(BundleContext context, CommandIndex commands, LaunchSettings settings,
                            List<String> commandLine) {
        OneShotRun run = new OneShotRun(context, commands, settings, commandLine);
        run.thread.start();
        return run;
    }

    /** Stops waiting (the shell bundle is stopping); a command already running is interrupted. */
    void cancel() {
        thread.interrupt();
    }

    private void run() {
        try {
            int status = runCommand();
            exitWith(status);
        } catch (InterruptedException e) {
            LOG.debug("One-shot run of {} cancelled", commandLine);
        }
    }

    private int runCommand() throws InterruptedException {
        CommandContext console = new CommandContext(System.out, System.err, settings.terminal(), settings.home());
        if (commandLine.isEmpty() || commandLine.get(0).isBlank()) {
            console.err().println("No command given. 'ledrl help' lists the commands.");
            return CommandRunner.USAGE;
        }
        String name = commandLine.get(0);
        awaitFrameworkStarted();
        awaitDeployedPlugins();
        Optional<CliCommand> command = awaitCommand(name);
        if (command.isEmpty()) {
            List<PlatformProblem> problems = problems();
            if (!problems.isEmpty()) {
                // the command may belong to what failed: say so, and fail rather than blame the user
                console.err().println("ledrl: the command '" + name + "' is not available; components that would "
                        + "provide commands did not start:");
                problems.forEach(p -> console.err().println("  " + p.name() + ": " + p.kind() + ": " + p.reason()));
                return CommandRunner.FAILURE;
            }
            return CommandRunner.unknown(name, console.err());
        }
        return CommandRunner.run(command.get(), commandLine.subList(1, commandLine.size()), console);
    }

    private List<PlatformProblem> problems() {
        ServiceReference<PlatformProblems> reference = context.getServiceReference(PlatformProblems.class);
        PlatformProblems service = reference == null ? null : context.getService(reference);
        if (service == null) {
            return List.of();
        }
        try {
            return service.problems();
        } finally {
            context.ungetService(reference);
        }
    }

    /** The command, once registered; empty when the service registry has settled without it, or after the timeout. */
    private Optional<CliCommand> awaitCommand(String name) throws InterruptedException {
        AtomicLong lastServiceEvent = new AtomicLong(System.nanoTime());
        ServiceListener listener = event -> lastServiceEvent.set(System.nanoTime());
        context.addServiceListener(listener);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMAND_TIMEOUT_SECONDS);
            while (true) {
                Optional<CliCommand> command = commands.await(name, POLL_MILLIS, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                boolean settled = now - lastServiceEvent.get() > TimeUnit.MILLISECONDS.toNanos(SETTLED_MILLIS);
                if (command.isPresent() || settled || now > deadline) {
                    return command;
                }
            }
        } finally {
            context.removeServiceListener(listener);
        }
    }

    /**
     * Waits until File Install has started every plugin in {@code deploy/} (a bundle whose location is that file is
     * active, or a fragment resolved), so that a one-shot command sees the plugins a running platform has; a plugin
     * that does not start is not waited for beyond {@value #DEPLOY_TIMEOUT_SECONDS} s (the log says why it fails).
     */
    private void awaitDeployedPlugins() throws InterruptedException {
        String folders = context.getProperty("felix.fileinstall.dir");
        List<String> jars = new ArrayList<>();
        for (String folder : (folders == null ? "deploy" : folders).split(",")) {
            try (Stream<Path> files =
                         Files.list(settings.home().resolve(folder.strip()))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).forEach(jars::add);
            } catch (IOException | RuntimeException e) {
                // no such folder: nothing to wait for there
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEPLOY_TIMEOUT_SECONDS);
        while (!jars.stream().allMatch(this::started)) {
            if (System.nanoTime() > deadline) {
                LOG.debug("Not every plugin of {} started within {} s", folders, DEPLOY_TIMEOUT_SECONDS);
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private boolean started(String jar) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().endsWith("/" + jar)) {
                boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
                return bundle.getState() == Bundle.ACTIVE || fragment && bundle.getState() == Bundle.RESOLVED;
            }
        }
        return false;
    }

    /**
     * Waits until the framework is ACTIVE at its beginning start level: every bundle the installation
     * starts has then been started, so the command and what it needs are registered.
     */
    private void awaitFrameworkStarted() throws InterruptedException {
        Bundle framework = context.getBundle(0);
        FrameworkStartLevel startLevel = framework.adapt(FrameworkStartLevel.class);
        int beginning = beginningStartLevel();
        Object changes = new Object();
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                synchronized (changes) {
                    changes.notifyAll();
                }
            }
        };
        context.addFrameworkListener(listener);
        try {
            synchronized (changes) {
                while (framework.getState() != Bundle.ACTIVE || startLevel.getStartLevel() < beginning) {
                    changes.wait();
                }
            }
        } finally {
            context.removeFrameworkListener(listener);
        }
    }

    private int beginningStartLevel() {
        String beginning = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        try {
            return beginning == null ? 1 : Integer.parseInt(beginning.trim());
        } catch (NumberFormatException e) {
            LOG.warn("Framework property {}='{}' is not a number; not waiting for a start level",
                    Constants.FRAMEWORK_BEGINNING_STARTLEVEL, beginning);
            return 1;
        }
    }

    private void exitWith(int status) throws InterruptedException {
        Filter filter;
        try {
            filter = context.createFilter("(&(objectClass=" + IntConsumer.class.getName() + ")(" + LaunchSettings.EXIT
                    + "=true))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
        ServiceTracker<IntConsumer, IntConsumer> exit = new ServiceTracker<>(context, filter, null);
        exit.open();
        try {
            IntConsumer launcher = exit.waitForService(TimeUnit.SECONDS.toMillis(EXIT_TIMEOUT_SECONDS));
            if (launcher == null) {
                LOG.error("No launcher exit service ({}=true) after {} s; '{}' finished with status {}",
                        LaunchSettings.EXIT, EXIT_TIMEOUT_SECONDS, String.join(" ", commandLine), status);
                return;
            }
            launcher.accept(status);
        } finally {
            exit.close();
        }
    }
}
