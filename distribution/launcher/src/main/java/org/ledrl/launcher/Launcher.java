package org.ledrl.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Runs one installation: reads {@code conf/}, installs the bundles of the chosen profile with their
 * start levels into an embedded Felix, and either stays up until stopped (Gogo's console on a
 * terminal, headless otherwise) or runs one command through the shell bundle and returns its exit
 * status. The contract with the shell bundle is a set of framework properties and an
 * {@link IntConsumer} service, so the launcher needs none of the project's classes.
 */
final class Launcher {

    /** Framework properties of the launcher-shell contract. */
    static final String HOME = "ledrl.home";
    static final String TERMINAL = "ledrl.terminal";
    static final String COMMAND_ARGS = "ledrl.command.args";
    static final String EXIT_SERVICE_PROPERTY = "ledrl.exit";
    static final char ARGUMENT_SEPARATOR = '\u001f';

    static final String LAUNCH_EPOCH = "ledrl.launch.epoch";
    static final String SHELL_BUNDLE = "org.ledrl.shell";
    static final String LOG_LEVEL_ENVIRONMENT_VARIABLE = "LEDRL_LOG_LEVEL";
    private static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int STATUS_NOT_RUN = 1;

    private final Path home;
    private final CommandLine commandLine;
    private final Map<String, String> environment;
    private final boolean terminal;
    private final PrintStream out;
    private final PrintStream err;

    Launcher(Path home, CommandLine commandLine, Map<String, String> environment, boolean terminal,
            PrintStream out, PrintStream err) {
        this.home = home.toAbsolutePath().normalize();
        this.commandLine = commandLine;
        this.environment = environment;
        this.terminal = terminal;
        this.out = out;
        this.err = err;
    }

    /** Starts the platform and returns the exit status once it has stopped. */
    int run() throws LaunchException {
        applySystemProperties();
        Map<String, String> config = ConfigFile.load(home.resolve("conf/config.properties"), this::outsideValue);
        Profile selected = Profile.select(commandLine.profile(), environment, config);
        Profile profile = commandLine.oneShot() ? selected.forOneShot(config) : selected;
        List<Path> bundles = profile.bundles(home.resolve("bundle"));
        StartLevels startLevels = StartLevels.from(config);
        int startThreads = ParallelStart.threads(config);

        Map<String, Object> properties = new HashMap<>(config);
        properties.put(HOME, home.toString());
        properties.put(TERMINAL, Boolean.toString(terminal));
        properties.put(Profile.SELECTED_KEY, profile.name());
        properties.put("felix.log.logger", new ErrorStreamLogger(err));
        Path privateCache = null;
        if (commandLine.oneShot()) {
            properties.put(COMMAND_ARGS, String.join(String.valueOf(ARGUMENT_SEPARATOR), commandLine.command()));
            // a command may run while the platform is up in the same folder: it gets a cache of its own
            privateCache = createPrivateCache();
            properties.put(Constants.FRAMEWORK_STORAGE, privateCache.toString());
            properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            properties.put("gosh.args", "--nointeractive --noshutdown");
        } else if (!terminal) {
            properties.put("gosh.args", "--nointeractive --noshutdown");
        }
        if (!commandLine.oneShot()) {
            SecretFiles.warnIfShared(home.resolve("conf"), err);
        }
        try {
            return start(properties, profile, bundles, startLevels, startThreads);
        } finally {
            if (privateCache != null) {
                deleteQuietly(privateCache);
            }
        }
    }

    private int start(Map<String, Object> properties, Profile profile, List<Path> bundles, StartLevels startLevels,
            int startThreads) throws LaunchException {
        Framework framework = new FrameworkFactory().newFramework(properties);
        AtomicInteger exitStatus = new AtomicInteger(STATUS_NOT_RUN);
        CountDownLatch answered = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Thread shutdownHook = new Thread(() -> stop(framework), "ledrl-shutdown");
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            StartTimes startTimes = StartTimes.wanted() ? new StartTimes() : null;
            if (startTimes != null) {
                context.addBundleListener(startTimes);
            }
            context.addFrameworkListener(event -> {
                if (event.getType() == FrameworkEvent.STARTED) {
                    started.countDown();
                }
            });
            List<Bundle> installed = install(context, bundles, startLevels);
            ParallelStart parallelStart = ParallelStart.of(context, installed, startLevels, startThreads);
            // one resolution of every bundle instead of one per bundle as each starts (one that cannot resolve is
            // left unresolved here and reported when the framework starts it, as before)
            framework.adapt(FrameworkWiring.class).resolveBundles(installed);
            if (commandLine.oneShot()) {
                IntConsumer exit = status -> {
                    exitStatus.set(status);
                    answered.countDown();
                    stopAsync(framework);
                };
                Hashtable<String, Object> props = new Hashtable<>();
                props.put(EXIT_SERVICE_PROPERTY, Boolean.TRUE);
                context.registerService(IntConsumer.class, exit, props);
            }
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            framework.start();
            if (!awaitStarted(started, framework)) {
                return commandLine.oneShot() ? STATUS_NOT_RUN : 0;
            }
            if (parallelStart != null) {
                parallelStart.finish();
            }
            if (commandLine.oneShot()) {
                checkShellIsActive(context, framework);
            } else {
                List<String> problems = StartProblems.settled(context);
                double seconds = secondsSinceProcessStart();
                String ready = problems.isEmpty()
                        ? String.format("LeDRL Edge ready in %.2f s (profile %s, %d bundles)", seconds, profile.name(),
                                installed.size())
                        : String.format("LeDRL Edge started in %.2f s with %d component%s failed: %s (profile %s, %d "
                                + "bundles)", seconds, problems.size(), problems.size() == 1 ? "" : "s",
                                String.join(", ", problems), profile.name(), installed.size());
                out.println(ready);
                out.flush();
                if (startTimes != null) {
                    startTimes.print(err);
                }
                new ServiceReadiness(environment, err).ready(ready);
            }
            framework.waitForStop(0);
        } catch (BundleException e) {
            stop(framework);
            throw LaunchException.of("cannot start the platform: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(framework);
        } finally {
            removeHook(shutdownHook);
        }
        if (commandLine.oneShot() && answered.getCount() > 0) {
            err.println("ledrl: the platform stopped before the command '" + commandLine.command().get(0)
                    + "' finished");
        }
        return commandLine.oneShot() ? exitStatus.get() : 0;
    }

    /** Waits until the framework reached its start level; false when it was stopped before. */
    private static boolean awaitStarted(CountDownLatch started, Framework framework) throws InterruptedException {
        while (!started.await(200, TimeUnit.MILLISECONDS)) {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Installs (in place) and starts each bundle at its start level; fragments are installed only. */
    static List<Bundle> install(BundleContext context, List<Path> bundles, StartLevels startLevels)
            throws LaunchException {
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : bundles) {
            try {
                // reference: installs in place, so that large jars are not copied into the cache
                Bundle bundle = context.installBundle("reference:" + jar.toUri());
                bundle.adapt(BundleStartLevel.class).setStartLevel(startLevels.levelOf(bundle.getSymbolicName()));
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
                installed.add(bundle);
            } catch (BundleException | IllegalStateException e) {
                throw LaunchException.of("cannot install " + jar + ": " + e.getMessage(), e);
            }
        }
        return installed;
    }

    /** Without an active shell nobody would ever answer: say so instead of waiting forever. */
    private void checkShellIsActive(BundleContext context, Framework framework) {
        boolean active = Stream.of(context.getBundles())
                .anyMatch(b -> SHELL_BUNDLE.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE);
        if (!active) {
            err.println("ledrl: cannot run commands: the bundle " + SHELL_BUNDLE + " is not active in this profile");
            stopAsync(framework);
        }
    }

    /** conf/system.properties become system properties, unless already set with -D. */
    private void applySystemProperties() throws LaunchException {
        Path file = home.resolve("conf/system.properties");
        if (Files.isRegularFile(file)) {
            ConfigFile.load(file, this::outsideValue).forEach((key, value) -> {
                if (System.getProperty(key) == null) {
                    System.setProperty(key, value);
                }
            });
        }
        // commands keep standard error for their own messages: less chatter unless asked for
        String level = environment.getOrDefault(LOG_LEVEL_ENVIRONMENT_VARIABLE, "").trim();
        if (!level.isEmpty()) {
            System.setProperty(SLF4J_LEVEL, level);
        } else if (commandLine.oneShot()) {
            System.setProperty(SLF4J_LEVEL, "warn");
        }
    }

    private String outsideValue(String name) {
        return HOME.equals(name) ? home.toString() : System.getProperty(name);
    }

    private Path createPrivateCache() throws LaunchException {
        try {
            return Files.createTempDirectory("ledrl-cache-");
        } catch (IOException e) {
            throw LaunchException.of("cannot create a temporary bundle cache: " + e.getMessage(), e);
        }
    }

    /**
     * Seconds since bin/ledrl started: the script passes its start time ({@value #LAUNCH_EPOCH}, epoch
     * seconds with microseconds); the process start time the system reports is only precise to a
     * second or so.
     */
    private static double secondsSinceProcessStart() {
        Instant now = Instant.now();
        Instant start;
        try {
            BigDecimal epoch = new BigDecimal(System.getProperty(LAUNCH_EPOCH, "").replace(',', '.'));
            start = Instant.ofEpochSecond(0, epoch.movePointRight(9).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            start = ProcessHandle.current().info().startInstant().orElse(now);
        }
        return Duration.between(start, now).toMillis() / 1000.0;
    }

    private static void stopAsync(Framework framework) {
        try {
            framework.stop();
        } catch (BundleException e) {
            // already stopping
        }
    }

    private void stop(Framework framework) {
        if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
            return;
        }
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT.toMillis());
        } catch (BundleException e) {
            err.println("ledrl: error while stopping: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
