package org.ledrl.shell.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern EXCEPTION =
            Pattern.compile("[\\w$]+(\\.[\\w$]+)+(Exception|Error|Throwable)");
    /** What Declarative Services records for a component whose reference's service could not be obtained. */
    private static final Pattern UNOBTAINABLE =
            Pattern.compile("Unable to get service for reference (\\S+)");
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
                    Matcher unobtainable = UNOBTAINABLE.matcher(failure);
                    if (unobtainable.find()) {
                        // its reference was bound to a service whose component failed: it waits for that one
                        found.putIfAbsent(name, new Found(new PlatformProblem(UNSATISFIED, name,
                                "needs " + provider(description, unobtainable.group(1), providerOfFailed)),
                                description.name, ""));
                        continue;
                    }
                    found.putIfAbsent(name, new Found(new PlatformProblem(FAILED, name, message(failure, name)),
                            description.name, failure));
                } else if (configuration.state == ComponentConfigurationDTO.SATISFIED && description.immediate
                        && needsFailed(description, providerOfFailed)) {
                    // an immediate component left satisfied but not active: its activation could not get a
                    // service whose component failed
                    found.putIfAbsent(name, new Found(new PlatformProblem(UNSATISFIED, name,
                            "needs " + failedProviders(description, providerOfFailed)), description.name, ""));
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
            needs.add(provider(description, missing.name, providerOfFailed)
                    + (missing.target == null ? "" : " matching " + missing.target));
        }
        return needs.isEmpty() ? "waits for a service" : "needs " + String.join(" and ", needs);
    }

    private static boolean needsFailed(ComponentDescriptionDTO description, Map<String, String> providerOfFailed) {
        return !failedProviders(description, providerOfFailed).isEmpty();
    }

    /** The failed components that provide services the component references, joined with 'and'. */
    private static String failedProviders(ComponentDescriptionDTO description, Map<String, String> providerOfFailed) {
        return String.join(" and ", java.util.Arrays.stream(description.references)
                .map(reference -> providerOfFailed.get(reference.interfaceName)).filter(java.util.Objects::nonNull)
                .distinct().toList());
    }

    /** The failed component that provides a reference's service, else the service's name. */
    private static String provider(ComponentDescriptionDTO description, String referenceName,
                                   Map<String, String> providerOfFailed) {
        String service = referenceName;
        for (ReferenceDTO reference : description.references) {
            if (reference.name.equals(referenceName)) {
                service = reference.interfaceName;
            }
        }
        String provider = providerOfFailed.get(service);
        return provider != null ? provider : "a " + simpleName(service) + " service (" + service + ")";
    }

    /**
     * The exception's own message, one line: the outermost exception in the chain that has a message
     * of its own (wrappers whose message is only another exception's name are passed over), without
     * the class name, and without the component's PID where the message starts with it (the line
     * names the component already).
     */
    static String message(String failure, String name) {
        String deepest = "";
        for (String text : failure.split("\n")) {
            String line = text.strip();
            if (line.startsWith("Caused by: ")) {
                line = line.substring("Caused by: ".length());
            } else if (!deepest.isEmpty() || line.isEmpty() || line.startsWith("at ") || line.startsWith("...")) {
                continue;
            }
            int colon = line.indexOf(": ");
            String type = colon > 0 ? line.substring(0, colon) : line;
            if (!EXCEPTION.matcher(type).matches()) {
                continue;
            }
            deepest = type;
            String message = colon > 0 ? line.substring(colon + 2).strip() : "";
            boolean wrapper = message.isEmpty() || EXCEPTION.matcher(message).matches()
                    || EXCEPTION.matcher(message.split(": ", 2)[0]).matches();
            if (!wrapper) {
                return message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
            }
        }
        return "failed without a message" + (deepest.isEmpty() ? "" : " (" + simpleName(deepest) + ")");
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
