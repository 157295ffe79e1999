package org.ledrl.runtime.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policies on trial: a policy whose bundle was installed from a file named {@code <name>.canary.jar}
 * in {@code deploy/} is a canary of the installed policy of the same name. It never becomes the active
 * policy by itself; while the active policy has one, a {@link CanaryTrial} lets it decide a share of
 * the tasks. A canary is judged once. One entry per canary service: bounded by the deploy folder.
 */
final class CanaryPolicies {

    static final String FILE_SUFFIX = ".canary.jar";
    private static final Logger LOG = LoggerFactory.getLogger(CanaryPolicies.class);

    private final Map<Long, PolicyEntry> byService = new LinkedHashMap<>();
    private final Set<Long> judged = new HashSet<>();

    /** Whether the policy's bundle came from a {@code *.canary.jar} file. */
    static boolean isCanary(PolicyEntry entry) {
        Bundle self = FrameworkUtil.getBundle(CanaryPolicies.class);
        BundleContext context = self == null ? null : self.getBundleContext();
        if (context == null || entry.bundleId() < 0) {
            return false;
        }
        Bundle bundle = context.getBundle(entry.bundleId());
        return bundle != null && bundle.getLocation() != null && bundle.getLocation().endsWith(FILE_SUFFIX);
    }

    void add(PolicyEntry canary) {
        byService.put(canary.serviceId(), canary);
    }

    void remove(long serviceId) {
        byService.remove(serviceId);
        judged.remove(serviceId);
    }

    /**
     * The trial for the incumbent: the running one when it is about the same canary, a new one when a canary
     * of that name is installed and not judged yet (its caller {@linkplain CanaryTrial#open opens} it once it is
     * published), else null.
     */
    CanaryTrial trialFor(PolicyEntry incumbent, CanaryTrial running, DecisionServiceImpl.Config config) {
        PolicyEntry canary = byService.values().stream()
                .filter(c -> c.name().equals(incumbent.name()) && c.bundleId() != incumbent.bundleId())
                .findFirst().orElse(null);
        if (canary == null) {
            return null;
        }
        if (running != null && running.canary().serviceId() == canary.serviceId()) {
            return running;
        }
        if (config == null || !judged.add(canary.serviceId())) {
            return null;
        }
        LOG.info("Canary of policy '{}' on trial: it decides {}% of live tasks for {} s", canary.name(),
                Math.round(100 * config.canaryShare()), config.canarySeconds());
        return new CanaryTrial(canary, incumbent.bundleId(), config.canaryShare(), config.canarySeconds(),
                config.canaryMargin(), config.canaryMinOutcomes());
    }
}
