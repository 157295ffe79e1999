package org.ledrl.runtime.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.runtime.PolicyRegistry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The {@link PolicyRegistry}: every {@link OffloadingPolicy} service, by name, best ranked first. */
@Component(service = PolicyRegistry.class)
public final class PolicyRegistryImpl implements PolicyRegistry {

    private final AtomicReference<InstalledPolicies> installed = new AtomicReference<>(InstalledPolicies.EMPTY);

    @Reference(name = "policy", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removePolicy", updated = "updatedPolicy")
    void addPolicy(OffloadingPolicy policy, Map<String, Object> properties) {
        PolicyEntry entry = PolicyEntry.of(policy, properties);
        installed.updateAndGet(current -> current.with(entry));
    }

    void updatedPolicy(OffloadingPolicy policy, Map<String, Object> properties) {
        addPolicy(policy, properties);
    }

    void removePolicy(OffloadingPolicy policy, Map<String, Object> properties) {
        long serviceId = PolicyEntry.of(policy, properties).serviceId();
        installed.updateAndGet(current -> current.without(serviceId));
    }

    @Override
    public List<String> names() {
        return installed.get().names();
    }

    @Override
    public Optional<OffloadingPolicy> find(String name) {
        return installed.get().find(name).map(PolicyEntry::policy);
    }
}
