package org.ledrl.shell.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
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
 * A bad value saved into a running platform's {@code conf/} must not take a component down. This keeps, for every
 * configuration PID, the last configuration its components ran with; when a change makes one of them fail to
 * activate, it puts that configuration back (Configuration Admin only: the operator's file keeps the bad value
 * until fixed, since File Install does not write configurations back here) and logs one ERROR line that says so.
 * The component is down from its failed activation until then (about a second). Components that take a change in
 * place ({@code @Modified}, such as the live runtime) refuse a bad change themselves and never get here.
 *
 * <p>It looks when Declarative Services' components change (the runtime's {@code service.changecount}, as
 * {@link ComponentWatch} follows it), not on a timer. Bounded by the configurations that exist (one entry per PID,
 * dropped when its configuration is deleted).
 * At the next start there is no last good configuration: a bad file then fails its component, as
 * {@link ComponentWatch} reports.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class LastGoodConfigurations implements ConfigurationListener {

    /** Changes come in bursts: one look after the burst's first change. */
    private static final long CHECK_DELAY_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(LastGoodConfigurations.class);

    /** A configuration its components ran with, and its change count then. */
    private record Good(long changeCount, Dictionary<String, Object> properties) {
    }

    private final ServiceComponentRuntime runtime;
    private final ConfigurationAdmin configurations;
    private final BundleContext context;
    private final ServiceListener changes = this::changed;
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    private final Map<String, Good> lastGood = new ConcurrentHashMap<>();
    /** Change counts already put back, so that a change is refused once, whatever the number of checks. */
    private final Map<String, Long> refused = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ledrl-last-good-configurations");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public LastGoodConfigurations(@Reference ServiceComponentRuntime runtime,
                                  @Reference ConfigurationAdmin configurations, BundleContext context) {
        this.runtime = runtime;
        this.configurations = configurations;
        this.context = context;
        try {
            context.addServiceListener(changes, "(" + Constants.OBJECTCLASS + "="
                    + ServiceComponentRuntime.class.getName() + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
        queueCheck();
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(changes);
        checker.shutdownNow();
    }

    /** Only deletions matter here: a change shows in the components, which {@link #changed} follows. */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            lastGood.remove(event.getPid());
            refused.remove(event.getPid());
        }
    }

    private void changed(ServiceEvent event) {
        if (event.getType() == ServiceEvent.MODIFIED) {
            queueCheck();
        }
    }

    private void queueCheck() {
        if (checkQueued.compareAndSet(false, true)) {
            try {
                checker.schedule(() -> {
                    checkQueued.set(false);
                    check();
                }, CHECK_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // deactivated: nothing to keep
            }
        }
    }

    /** Looks at every configured component. Checker thread. */
    void check() {
        try {
            for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
                for (ComponentConfigurationDTO component : runtime.getComponentConfigurationDTOs(description)) {
                    Object configured = component.properties.get(Constants.SERVICE_PID);
                    String componentPid = configured instanceof String s ? s
                            : configured instanceof String[] all && all.length > 0 ? all[0] : null;
                    if (componentPid != null) {
                        look(componentPid, description, component);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not read the components' configurations", e);
        }
    }

    private void look(String pid, ComponentDescriptionDTO description, ComponentConfigurationDTO component) {
        Configuration current = configuration(pid);
        if (current == null) {
            return;
        }
        long changeCount = current.getChangeCount();
        if (component.state == ComponentConfigurationDTO.ACTIVE || component.state == ComponentConfigurationDTO.SATISFIED) {
            Good known = lastGood.get(pid);
            if (known == null || known.changeCount() < changeCount) {
                lastGood.put(pid, new Good(changeCount, copy(current.getProperties())));
            }
            return;
        }
        Good good = lastGood.get(pid);
        if (component.state != ComponentConfigurationDTO.FAILED_ACTIVATION || good == null
                || good.changeCount() >= changeCount || refused.getOrDefault(pid, -1L) == changeCount) {
            return;
        }
        refused.put(pid, changeCount);
        String reason = ComponentProblems.message(component.failure == null ? "" : component.failure, pid);
        try {
            current.update(good.properties());
            LOG.error("Configuration {} refused: {}; component {} runs again on its last good configuration until "
                    + "the file is fixed", pid, reason, description.name);
        } catch (IOException | IllegalStateException e) {
            LOG.error("Configuration {} refused: {}; its last good configuration could not be put back: {}", pid,
                    reason, e.getMessage());
        }
    }

    private Configuration configuration(String pid) {
        try {
            Configuration[] found = configurations.listConfigurations(
                    "(" + Constants.SERVICE_PID + "=" + pid.replace("\\", "\\\\").replace("(", "\\(")
                            .replace(")", "\\)").replace("*", "\\*") + ")");
            return found == null || found.length == 0 ? null : found[0];
        } catch (IOException | InvalidSyntaxException e) {
            return null;
        }
    }

    /** The stored properties without those Configuration Admin sets itself. */
    private static Dictionary<String, Object> copy(Dictionary<String, Object> properties) {
        Hashtable<String, Object> copy = new Hashtable<>();
        if (properties != null) {
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                if (!key.equals(Constants.SERVICE_PID) && !key.equals(ConfigurationAdmin.SERVICE_FACTORYPID)
                        && !key.equals(ConfigurationAdmin.SERVICE_BUNDLELOCATION)) {
                    copy.put(key, properties.get(key));
                }
            }
        }
        return copy;
    }
}
