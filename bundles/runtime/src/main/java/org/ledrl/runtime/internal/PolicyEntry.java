package org.ledrl.runtime.internal;

import java.util.Comparator;
import java.util.Map;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.osgi.framework.Constants;

/**
 * One installed policy service: its name, ranking, service id and the id of the bundle that registered it, in the order OSGi ranks
 * services ({@link #BEST_FIRST}: highest {@code service.ranking}, then lowest {@code service.id}).
 */
record PolicyEntry(String name, int ranking, long serviceId, long bundleId, OffloadingPolicy policy) {

    static final Comparator<PolicyEntry> BEST_FIRST = Comparator.comparingInt(PolicyEntry::ranking).reversed()
            .thenComparingLong(PolicyEntry::serviceId);

    /** The entry for a policy service, from the service properties DS passes to bind methods. */
    static PolicyEntry of(OffloadingPolicy policy, Map<String, ?> properties) {
        Object name = properties.get(PolicyName.PROPERTY);
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        Object bundle = properties.get(Constants.SERVICE_BUNDLEID);
        return new PolicyEntry(name instanceof String s && !s.isBlank() ? s : policy.name(),
                ranking instanceof Integer r ? r : 0, // the framework ignores a ranking that is not an Integer
                id instanceof Long l ? l : Long.MAX_VALUE, bundle instanceof Long b ? b : -1, policy);
    }
}
