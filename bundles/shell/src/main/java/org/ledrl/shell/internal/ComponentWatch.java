package org.ledrl.shell.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ledrl.api.health.PlatformProblem;
import org.ledrl.api.health.PlatformProblems;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches Declarative Services' components and makes their failures visible: each component whose
 * activation fails is logged once at ERROR, in one line (the component, its PID, the exception's own
 * message; the stack trace at DEBUG); one that stays unsatisfied longer than {@value #GRACE_MILLIS}
 * ms is logged once too, unless it only waits for a failed one. The problems are the
 * {@link PlatformProblems} service that {@code status} and the REST health list, and the launcher's
 * start line asks for them through a {@link Callable} ({@value #LAUNCHER_PROPERTY}=true) that answers
 * once the components have settled (at once when there is no problem).
 *
 * <p>It reads the components' states when Declarative Services says they changed: the runtime service's
 * {@code service.changecount} property, which the runtime publishes every {@code ds.service.changecount.timeout} ms
 * while components change (the installation sets 100 ms), and no more once they are quiet. It does not poll.
 */
@Component(service = PlatformProblems.class, immediate = true)
public final class ComponentWatch implements PlatformProblems {

    /** Service property of the launcher contract: a {@code Callable<List<String>>} of settled problems. */
    static final String LAUNCHER_PROPERTY = "ledrl.problems";
    static final long GRACE_MILLIS = 5_000;
    /** Components are settled when nothing changed for this long (several change-count periods). */
    static final long QUIET_MILLIS = 500;
    /** The longest the start line waits for them to settle. */
    static final long SETTLE_TIMEOUT_MILLIS = 10_000;
    /** How often the start line looks whether the components have settled. */
    private static final long SETTLE_STEP_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(ComponentWatch.class);

    private final ServiceComponentRuntime runtime;
    private final BundleContext context;
    private final ServiceListener changes = this::changed;
    /** A check is queued and has not started yet: more changes meanwhile need no other. */
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ledrl-component-watch");
        thread.setDaemon(true);
        return thread;
    });
    /** Problems by component, with when each was first seen; guarded by this. */
    private final Map<String, Long> firstSeen = new HashMap<>();
    private final Set<String> logged = new HashSet<>();
    /** When the next check for a problem whose grace ends is scheduled; guarded by this. */
    private long graceCheckAt;
    private final ServiceRegistration<?> launcherService;
    private volatile List<PlatformProblem> problems = List.of();
    private volatile List<PlatformProblem> all = List.of();
    private volatile long lastChangeMillis = System.currentTimeMillis();

    @Activate
    public ComponentWatch(@Reference ServiceComponentRuntime runtime, BundleContext context) {
        this.runtime = runtime;
        this.context = context;
        try {
            context.addServiceListener(changes, "(" + org.osgi.framework.Constants.OBJECTCLASS + "="
                    + ServiceComponentRuntime.class.getName() + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
        queueCheck(0);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(LAUNCHER_PROPERTY, Boolean.TRUE);
        Callable<List<String>> settled = this::settledSummaries;
        launcherService = context.registerService(Callable.class.getName(), settled, properties);
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(changes);
        launcherService.unregister();
        poller.shutdownNow();
    }

    /** Read afresh from Declarative Services: a command that runs right after start sees what failed. */
    @Override
    public List<PlatformProblem> problems() {
        check();
        return problems;
    }

    /**
     * For the start line, once every bundle has started: the problems, once nothing changed for {@value #QUIET_MILLIS}
     * ms (at most ten s). With no problem at all there is nothing to wait for: no component failed or waits for
     * anything, so the answer is at once (a component that fails later is logged and listed by {@code status}).
     */
    private List<String> settledSummaries() throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MILLIS;
        check();
        while (!all.isEmpty() && System.currentTimeMillis() - lastChangeMillis < QUIET_MILLIS
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(SETTLE_STEP_MILLIS);
        }
        return all.stream().map(PlatformProblem::summary).toList();
    }

    /** The runtime's change count moved: read the components again. */
    private void changed(ServiceEvent event) {
        if (event.getType() == ServiceEvent.MODIFIED) {
            queueCheck(0);
        }
    }

    private void queueCheck(long delayMillis) {
        try {
            if (delayMillis > 0) {
                poller.schedule(this::queuedCheck, delayMillis, TimeUnit.MILLISECONDS);
            } else if (checkQueued.compareAndSet(false, true)) {
                poller.execute(this::queuedCheck);
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: nothing to watch any more
        }
    }

    private void queuedCheck() {
        checkQueued.set(false);
        check();
    }

    private synchronized void check() {
        try {
            Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> components = new LinkedHashMap<>();
            for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
                components.put(description, List.copyOf(runtime.getComponentConfigurationDTOs(description)));
            }
            update(ComponentProblems.of(components), System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.debug("Could not read the components' states", e);
        }
    }

    private void update(List<ComponentProblems.Found> found, long now) {
        Set<String> current = new HashSet<>();
        List<PlatformProblem> visible = new java.util.ArrayList<>();
        List<PlatformProblem> everything = new java.util.ArrayList<>();
        Set<String> failedNames = new HashSet<>();
        long nextGraceEnd = Long.MAX_VALUE;
        found.stream().filter(f -> f.problem().kind().equals(ComponentProblems.FAILED))
                .forEach(f -> failedNames.add(f.problem().name()));
        for (ComponentProblems.Found f : found) {
            PlatformProblem problem = f.problem();
            String key = problem.kind() + "|" + problem.name() + "|" + problem.reason();
            current.add(key);
            long since = firstSeen.computeIfAbsent(key, k -> now);
            boolean failed = problem.kind().equals(ComponentProblems.FAILED);
            boolean waitsForFailed = failedNames.stream().anyMatch(n -> problem.reason().contains("needs " + n));
            everything.add(problem);
            if (failed || waitsForFailed || now - since >= GRACE_MILLIS) {
                visible.add(problem);
                if (logged.add(key)) {
                    log(f, failed);
                }
            } else {
                nextGraceEnd = Math.min(nextGraceEnd, since + GRACE_MILLIS);
            }
        }
        if (nextGraceEnd < Long.MAX_VALUE && (nextGraceEnd < graceCheckAt || graceCheckAt <= now)) {
            // nothing may change any more: look again when the first waiting problem's grace ends (once)
            graceCheckAt = nextGraceEnd;
            queueCheck(Math.max(1, nextGraceEnd - now));
        }
        firstSeen.keySet().retainAll(current);
        logged.retainAll(current);
        if (!everything.equals(all)) {
            lastChangeMillis = now;
        }
        all = List.copyOf(everything);
        problems = List.copyOf(visible);
    }

    private static void log(ComponentProblems.Found f, boolean failed) {
        PlatformProblem problem = f.problem();
        if (failed) {
            LOG.error("Component {} (PID {}) failed to start: {}", f.component(), problem.name(), problem.reason());
            LOG.debug("Component {} failed to start:\n{}", f.component(), f.detail());
        } else {
            LOG.error("Component {} (PID {}) is not running: it {}", f.component(), problem.name(),
                    problem.reason().startsWith("needs") ? problem.reason() : "is unsatisfied: " + problem.reason());
        }
    }
}
