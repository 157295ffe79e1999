package org.ledrl.runtime.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.ledrl.api.plugin.PluginProblem;
import org.ledrl.api.plugin.PluginProblems;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the plugins of {@code deploy/} that File Install installs: a file that is no bundle, a bundle
 * that does not resolve (with each requirement no installed bundle offers, in words), whose start
 * fails, whose component fails to activate or whose policy faults on its first decisions is logged once at ERROR and listed by {@link #current()} until its file is removed or fixed.
 * Checks every {@value #PERIOD_SECONDS} s, a file only once it has been left alone for
 * {@value #SETTLE_SECONDS} s (File Install polls every second). A bundle an operator stopped on purpose
 * is left alone; a failed start is retried once per version of the file, to learn its reason.
 *
 * <p>Updates roll back: a version that has run without a problem for {@value #PROVEN_SECONDS} s is kept
 * ({@link LastGoodPlugins}); when a new version of that file has a problem, the kept one is put back into
 * {@code deploy/}, File Install updates and refreshes the bundle with it, one ERROR line gives the reason, and
 * {@link #current()} lists "rolled back: reason" until the operator drops another version.
 */
@Component(service = PluginProblems.class, immediate = true)
public final class DeployWatcher implements PluginProblems {

    private static final Logger LOG = LoggerFactory.getLogger(DeployWatcher.class);
    static final long PERIOD_SECONDS = 2;
    static final long SETTLE_SECONDS = 4;
    /** How long a plugin's bundle must run without a problem before it is kept as the version to roll back to. */
    static final long PROVEN_SECONDS = 10;

    private final Map<String, PluginProblem> problems = new ConcurrentHashMap<>();
    /** Files put back to their previous version, listed until the operator drops another version. */
    private final Map<String, PluginProblem> rolledBack = new ConcurrentHashMap<>();
    private final Map<String, FileTime> rolledBackTo = new HashMap<>();
    /** Since when each file's bundle runs without a problem, for the version (modification time) it has. */
    private final Map<String, Map.Entry<FileTime, Long>> healthySince = new HashMap<>();
    private LastGoodPlugins lastGood;
    private CanaryFiles canaryFiles;
    /** A one-shot command's platform shares deploy/ and data/ with a running one: it reports, it never acts. */
    private boolean reportOnly;
    private long activatedMillis;
    /** The reason a start failed, by file and the file's modification time: one attempt per version of the file. */
    private final Map<String, String> startFailures = new HashMap<>();
    private final Map<String, FileTime> startAttempts = new HashMap<>();
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime components;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DecisionStatus decisions;
    private BundleContext context;
    private Path deploy;
    private ScheduledExecutorService timer;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        this.activatedMillis = System.currentTimeMillis();
        String home = context.getProperty("ledrl.home");
        if (home == null || home.isBlank()) {
            LOG.debug("no ledrl.home: deploy/ is not watched");
            return;
        }
        deploy = Path.of(home, "deploy");
        reportOnly = context.getProperty("ledrl.command.args") != null;
        lastGood = new LastGoodPlugins(Path.of(home, "data"));
        canaryFiles = new CanaryFiles(deploy, Path.of(home, "data"));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ledrl-deploy-watcher");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkQuietly, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public List<PluginProblem> current() {
        if (reportOnly && deploy != null) {
            checkQuietly(); // a one-shot command asks at once, before the first periodic check
        }
        return Stream.of(problems.values(), rolledBack.values(), canaryFiles == null ? List.<PluginProblem>of()
                        : canaryFiles.current()).flatMap(Collection::stream)
                .sorted(Comparator.comparingLong(PluginProblem::sinceMillis)).toList();
    }

    /** Keeps the file as the last good version once its bundle has run for {@value #PROVEN_SECONDS} s. */
    private void rememberWhenProven(Path file, String name, FileTime modified, long now) throws IOException {
        Map.Entry<FileTime, Long> since = healthySince.get(name);
        if (since == null || !since.getKey().equals(modified)) {
            healthySince.put(name, Map.entry(modified, now));
        } else if (now - since.getValue() >= TimeUnit.SECONDS.toMillis(PROVEN_SECONDS)) {
            lastGood.remember(file, modified);
        }
    }

    /** Puts the previous version back: File Install updates and refreshes the bundle from it. */
    private void rollBack(Path file, String name, Bundle bundle, String reason) throws IOException {
        String label = bundle.getSymbolicName() == null ? name : bundle.getSymbolicName() + " " + bundle.getVersion();
        Path refused = lastGood.rollBack(file);
        problems.remove(name);
        healthySince.remove(name);
        rolledBackTo.put(name, Files.getLastModifiedTime(file));
        rolledBack.put(name, new PluginProblem(name, label, "rolled back: " + reason, System.currentTimeMillis()));
        LOG.error("Plugin deploy/{} ({}) rolled back to its previous version: {} (the refused file is kept as {})",
                name, label, reason, refused);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException | IOException e) {
            LOG.debug("deploy/ check failed", e);
        }
    }

    synchronized void check() throws IOException {
        if (!Files.isDirectory(deploy)) {
            return;
        }
        DecisionStatus decided = decisions;
        CanaryTrial.Verdict verdict = decided == null ? null : decided.canaryVerdict();
        if (!reportOnly) {
            if (verdict != null) {
                canaryFiles.apply(verdict, context);
            }
            canaryFiles.continuePromotions(context);
        }
        Map<Path, Bundle> byFile = bundlesByFile();
        List<String> present = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (Stream<Path> files = Files.list(deploy)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()::iterator) {
                String name = file.getFileName().toString();
                present.add(name);
                boolean canary = name.endsWith(CanaryPolicies.FILE_SUFFIX);
                if (canary) {
                    canaryFiles.forget(name); // on trial again; the decision service judges it
                }
                FileTime modified = Files.getLastModifiedTime(file);
                if (now - modified.toMillis() < TimeUnit.SECONDS.toMillis(SETTLE_SECONDS)) {
                    continue;
                }
                Bundle bundle = byFile.get(file.toRealPath());
                String reason = reason(file, name, modified, bundle);
                if (reason != null && bundle != null && !reportOnly && lastGood.hasPrevious(file)) {
                    rollBack(file, name, bundle, reason);
                    continue;
                }
                if (rolledBack.containsKey(name) && !modified.equals(rolledBackTo.get(name))) {
                    rolledBack.remove(name); // the operator dropped another version
                }
                if (reason == null && !canary && !reportOnly && bundle != null && bundle.getState() == Bundle.ACTIVE) {
                    rememberWhenProven(file, name, modified, now);
                }
                update(name, bundle, rolledBack.containsKey(name) && reason == null ? null : reason);
            }
        }
        rolledBack.keySet().retainAll(present);
        rolledBackTo.keySet().retainAll(present);
        healthySince.keySet().retainAll(present);
        if (!reportOnly) {
            lastGood.retain(present);
        }
        for (String gone : List.copyOf(problems.keySet())) {
            if (!present.contains(gone)) {
                PluginProblem old = problems.remove(gone);
                LOG.info("Plugin deploy/{} ({}) was removed: its problem is gone", gone, old.bundle());
            }
        }
        startFailures.keySet().retainAll(present);
        startAttempts.keySet().retainAll(present);
    }

    private void update(String name, Bundle bundle, String reason) {
        String label = bundle == null || bundle.getSymbolicName() == null ? name
                : bundle.getSymbolicName() + " " + bundle.getVersion();
        PluginProblem old = problems.get(name);
        if (reason == null) {
            if (old != null) {
                problems.remove(name);
                LOG.info("Plugin deploy/{} ({}) runs now", name, label);
            }
            return;
        }
        if (old == null || !old.reason().equals(reason) || !old.bundle().equals(label)) {
            PluginProblem problem = new PluginProblem(name, label, reason, System.currentTimeMillis());
            problems.put(name, problem);
            LOG.error("Plugin {} does not run: {}", "deploy/" + name + " (" + label + ")", reason);
        }
    }

    /** Why the plugin in this file does not run, or null when it does. */
    private String reason(Path file, String name, FileTime modified, Bundle bundle) {
        // File Install installs what it finds at start within its first scans, and starts it in a later one: give
        // it that time before calling a plugin missing or unresolved
        boolean starting = System.currentTimeMillis() - activatedMillis < TimeUnit.SECONDS.toMillis(SETTLE_SECONDS);
        if (bundle == null) {
            return starting ? null : notInstalled(file);
        }
        if (bundle.getSymbolicName() == null) {
            return "is not an OSGi bundle: its manifest has no Bundle-SymbolicName";
        }
        boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
        switch (bundle.getState()) {
            case Bundle.INSTALLED -> {
                // it may resolve, File Install starting it in one of its next rounds: ask the framework once, not
                // at every scan of a plugin already reported
                if (starting || !problems.containsKey(name)
                        && context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(bundle))) {
                    return null;
                }
                List<String> unmet = UnmetRequirements.of(bundle, context.getBundles());
                return unmet.isEmpty() ? "does not resolve, although every requirement is offered: a bundle it needs "
                        + "does not resolve either" : String.join("; ", unmet);
            }
            case Bundle.RESOLVED -> {
                return fragment || !bundle.adapt(BundleStartLevel.class).isPersistentlyStarted() ? null
                        : startFailure(name, modified, bundle);
            }
            case Bundle.ACTIVE -> {
                return RunningFaults.of(bundle, components, decisions);
            }
            default -> {
                return null;
            }
        }
    }

    /** Starts the bundle once per version of its file to learn why it does not start. */
    private String startFailure(String name, FileTime modified, Bundle bundle) {
        if (modified.equals(startAttempts.get(name))) {
            return startFailures.get(name);
        }
        startAttempts.put(name, modified);
        try {
            bundle.start();
            startFailures.remove(name);
            return null;
        } catch (BundleException | IllegalStateException | SecurityException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String reason = "does not start: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage());
            startFailures.put(name, reason);
            return reason;
        }
    }

    private static String notInstalled(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) == null) {
                return "is not an OSGi bundle: its manifest has no Bundle-SymbolicName";
            }
            return "was not installed: another installed bundle may have the same symbolic name and version ("
                    + manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) + ")";
        } catch (IOException e) {
            return "is not a readable jar file (" + e.getMessage() + ")";
        }
    }

    private Map<Path, Bundle> bundlesByFile() {
        Map<Path, Bundle> byFile = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            if (location == null || !location.startsWith("file:")) {
                continue;
            }
            try {
                Path path = Path.of(URI.create(location));
                if (Files.exists(path)) {
                    byFile.put(path.toRealPath(), bundle);
                }
            } catch (IllegalArgumentException | IOException e) {
                // not a plain file location: not one of deploy/'s
            }
        }
        return byFile;
    }
}
