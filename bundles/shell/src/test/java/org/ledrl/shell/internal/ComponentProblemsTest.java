package org.ledrl.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ledrl.api.health.PlatformProblem;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

class ComponentProblemsTest {

    /** What Declarative Services keeps of a constructor that threw: the stack trace, wrapped. */
    private static final String FAILURE = """
            org.osgi.service.component.ComponentException: java.lang.reflect.InvocationTargetException
            \tat org.apache.felix.scr.impl.inject.internal.ComponentConstructorImpl.newInstance(ComponentConstructorImpl.java:326)
            \tat org.apache.felix.scr.impl.manager.SingleComponentManager.createImplementationObject(SingleComponentManager.java:288)
            Caused by: java.lang.reflect.InvocationTargetException
            \tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)
            Caused by: java.lang.IllegalArgumentException: org.ledrl.live: links: link '0-1:25,0-2:25' is not a-b:rateMBps
            \tat org.ledrl.live.internal.NetworkSettings$StaticLink.parse(NetworkSettings.java:62)
            \t... 40 more
            Caused by: java.lang.NumberFormatException
            \tat org.ledrl.live.internal.NetworkSettings$StaticLink.parse(NetworkSettings.java:50)
            \t... 41 more
            """;

    @Test
    void aFailedComponentIsNamedByItsPidWithItsOwnMessage() {
        Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> components = new LinkedHashMap<>();
        ComponentDescriptionDTO live = description("org.ledrl.live.internal.LiveRuntimeComponent", "org.ledrl.live",
                "org.ledrl.live.LiveRuntime");
        components.put(live, List.of(configuration(ComponentConfigurationDTO.FAILED_ACTIVATION, FAILURE)));
        ComponentDescriptionDTO rest = description("org.ledrl.rest.internal.RestApi", "org.ledrl.rest",
                "jakarta.servlet.Servlet");
        ReferenceDTO runtime = new ReferenceDTO();
        runtime.name = "runtime";
        runtime.interfaceName = "org.ledrl.live.LiveRuntime";
        rest.references = new ReferenceDTO[] {runtime};
        ComponentConfigurationDTO waiting = configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE, null);
        UnsatisfiedReferenceDTO missing = new UnsatisfiedReferenceDTO();
        missing.name = "runtime";
        waiting.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {missing};
        components.put(rest, List.of(waiting));
        ComponentDescriptionDTO nodes = description("org.ledrl.live.internal.NodesCommand",
                "org.ledrl.live.internal.NodesCommand", "org.ledrl.api.command.CliCommand");
        nodes.references = new ReferenceDTO[] {runtime};
        components.put(nodes, List.of(configuration(ComponentConfigurationDTO.FAILED_ACTIVATION,
                "Unable to get service for reference runtime")));
        ComponentDescriptionDTO mqtt = description("org.ledrl.live.internal.MqttDecisions", "org.ledrl.live.mqtt",
                "x.Decisions");
        mqtt.references = new ReferenceDTO[] {runtime};
        mqtt.immediate = true;
        components.put(mqtt, List.of(configuration(ComponentConfigurationDTO.SATISFIED, null)));
        ComponentDescriptionDTO fine = description("org.ledrl.x.Fine", "org.ledrl.x.Fine", "x.Y");
        components.put(fine, List.of(configuration(ComponentConfigurationDTO.ACTIVE, null)));
        ComponentDescriptionDTO notConfigured = description("org.ledrl.y.Needy", "org.ledrl.y", "y.Z");
        components.put(notConfigured, List.of(configuration(ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION, null)));

        List<PlatformProblem> problems = ComponentProblems.of(components).stream().map(ComponentProblems.Found::problem)
                .toList();

        assertEquals(List.of(
                new PlatformProblem("component failed", "org.ledrl.live", "links: link '0-1:25,0-2:25' is not a-b:rateMBps"),
                new PlatformProblem("component unsatisfied", "org.ledrl.rest", "needs org.ledrl.live"),
                new PlatformProblem("component unsatisfied", "org.ledrl.live.internal.NodesCommand", "needs org.ledrl.live"),
                new PlatformProblem("component unsatisfied", "org.ledrl.live.mqtt", "needs org.ledrl.live")),
                problems);
        assertEquals("org.ledrl.live (links: link '0-1:25,0-2:25' is not a-b:rateMBps), org.ledrl.rest (needs org.ledrl.live)",
                String.join(", ", problems.subList(0, 2).stream().map(PlatformProblem::summary).toList()));
    }

    @Test
    void aFailureWithoutAMessageSaysSo() {
        assertEquals("failed without a message (NullPointerException)",
                ComponentProblems.message("java.lang.NullPointerException\n\tat a.B.c(B.java:1)\n", "x"));
    }

    private static ComponentDescriptionDTO description(String name, String pid, String service) {
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.name = name;
        description.configurationPid = new String[] {pid};
        description.serviceInterfaces = new String[] {service};
        description.references = new ReferenceDTO[0];
        return description;
    }

    private static ComponentConfigurationDTO configuration(int state, String failure) {
        ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
        configuration.state = state;
        configuration.failure = failure;
        configuration.unsatisfiedReferences = new UnsatisfiedReferenceDTO[0];
        return configuration;
    }
}
