package org.ledrl.api.runtime;

import java.util.List;
import java.util.Optional;
import org.ledrl.api.policy.OffloadingPolicy;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The offloading policies installed now, by {@code policy.name}. Commands (simulate, experiment),
 * the REST API and the console look policies up here instead of tracking services themselves.
 */
@ProviderType
public interface PolicyRegistry {

    /** Names of the installed policies, sorted. */
    List<String> names();

    /** The highest-ranked policy service with that name. */
    Optional<OffloadingPolicy> find(String name);
}
