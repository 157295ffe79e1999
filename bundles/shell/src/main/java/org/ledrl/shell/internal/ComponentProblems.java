package org.ledrl.shell.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.health.PlatformProblem;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Reads Declarative Services' own account of its components (the runtime DTOs) into problems: a
 * component whose activation failed, with its exception's message, and a component that waits for
 * a service, with what it needs ("needs org.ledrl.live" when a failed component would provide it).
 * Components that wait for a configuration they require are not problems: they are not configured.
 */
final class ComponentProblems {

    static final String FAILED = "component failed";
    static final String UNSATISFIED = "component unsatisfied";

    /** One component's problem, with its full failure text (a stack trace) for a DEBUG line. */
    record Found(PlatformProblem problem, String component, String detail) {
    }

    private ComponentProblems() {
    }

    static List<Found> of(Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> components) {
        Map<String, String> providerOfFailed = new HashMap<>();
        for (Map.Entry<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> entry : components.entrySet()) {
            boolean failed = entry.getValue().stream().anyMatch(c -> c.state == ComponentConfigurationDTO.FAILED_ACTIVATION);
            if (failed && entry.getKey().serviceInterfaces != null) {
                for (String service : entry.getKey().serviceInterfaces) {
                    providerOfFailed.put(service, displayName(entry.getKey()));
                }
            }
        }
        Map<String, Found> found = new LinkedHashMap<>();
        for (Map.Entry<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> entry : components.entrySet()) {
            ComponentDescriptionDTO description = entry.getKey();
            String name = displayName(description);
            for (ComponentConfigurationDTO configuration : entry.getValue()) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    String failure = configuration.failure == null ? "" : configuration.failure;
                    found.putIfAbsent(name, new Found(new PlatformProblem(FAILED, name, message(failure, name)),
                            description.name, failure));
                } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    found.putIfAbsent(name, new Found(new PlatformProblem(UNSATISFIED, name,
                            needs(description, configuration, providerOfFailed)), description.name, ""));
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The configuration PID when the component has its own, else the component's name. */
    static String displayName(ComponentDescriptionDTO description) {
        String[] pids = description.configurationPid;
        return pids != null && pids.length > 0 && !pids[0].equals(description.name) ? pids[0] : description.name;
    }

    private static String needs(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration,
                                Map<String, String> providerOfFailed) {
        List<String> needs = new ArrayList<>();
        for (UnsatisfiedReferenceDTO missing : configuration.unsatisfiedReferences) {
            String service = missing.name;
            for (ReferenceDTO reference : description.references) {
                if (reference.name.equals(missing.name)) {
                    service = reference.interfaceName;
                }
            }
            String provider = providerOfFailed.get(service);
            needs.add(provider != null ? provider : "a " + simpleName(service) + " service ("
                    + service + (missing.target == null ? "" : " " + missing.target) + ")");
        }
        return needs.isEmpty() ? "waits for a service" : "needs " + String.join(" and ", needs);
    }

    /**
     * The exception's own message, one line: the innermost cause's (a wrapping exception only adds
     * its class), without the class name, and without the component's PID where the message starts
     * with it (the line names the component already).
     */
    static String message(String failure, String name) {
        String line = "";
        for (String text : failure.split("\n")) {
            String strip = text.strip();
            if (line.isEmpty() && !strip.isEmpty() && !strip.startsWith("at ")) {
                line = strip;
            } else if (strip.startsWith("Caused by: ")) {
                line = strip.substring("Caused by: ".length());
            }
        }
        int colon = line.indexOf(": ");
        if (colon > 0 && line.substring(0, colon).matches("[\\w.$]+(Exception|Error)")) {
            line = line.substring(colon + 2);
        } else if (line.matches("[\\w.$]+(Exception|Error)")) {
            line = "failed without a message (" + simpleName(line) + ")";
        }
        if (line.startsWith(name + ": ")) {
            line = line.substring(name.length() + 2);
        }
        return line.isEmpty() ? "failed without a message" : line;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
