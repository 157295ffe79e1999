package org.ledrl.runtime.internal;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * What is wrong with a plugin whose bundle is active: a component of it that failed to activate (as
 * Declarative Services reports it), or a policy of it that faulted on its first decisions.
 */
final class RunningFaults {

    private RunningFaults() {
    }

    /** The first fault of an active bundle, in words, or null when there is none. */
    static String of(Bundle bundle, ServiceComponentRuntime components, DecisionStatus decisions) {
        if (components != null) {
            for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs(bundle)) {
                for (ComponentConfigurationDTO configuration : components.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        return "component " + description.name + " failed to activate: " + headline(configuration.failure);
                    }
                }
            }
        }
        return decisions == null ? null : decisions.earlyFault(bundle.getBundleId());
    }

    /** The exception's own message from the first line of a stack trace ("a.b.SomeException: message"). */
    static String headline(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        String first = failure.lines().findFirst().orElse("").trim();
        int colon = first.indexOf(": ");
        return colon > 0 && !first.substring(0, colon).contains(" ") ? first.substring(colon + 2) : first;
    }
}
