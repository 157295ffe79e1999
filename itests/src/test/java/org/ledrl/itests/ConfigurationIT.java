package org.ledrl.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ledrl.itests.Platform.platform;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.runtime.DecisionService;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The decision service's {@code policy} setting takes effect without a restart, whether it is
 * written through Config Admin or with {@code ledrl use}; an unknown name keeps decisions flowing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigurationIT {

    private static final String PID = "org.ledrl.runtime.decision";
    private static final long SWITCH_MILLIS = 1_000;

    @Inject
    private BundleContext context;

    @Inject
    private DecisionService decisions;

    @Inject
    private PolicyRegistry registry;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        return new Option[] {platform(bundle(Platform.bundleUrl("random")))};
    }

    @Test
    public void thePolicySettingSwitchesPoliciesWithoutARestart() throws Exception {
        Waits.await("both policies installed", 10_000, () -> registry.names().equals(List.of("local", "random")),
                registry::names);
        long serviceId = serviceId();
        try (DecisionDriver driver = new DecisionDriver(decisions)) {
            setPolicy("random");
            driver.awaitPolicy("random", SWITCH_MILLIS);
            setPolicy("local");
            driver.awaitPolicy("local", SWITCH_MILLIS);
            setPolicy("random");
            driver.awaitPolicy("random", SWITCH_MILLIS);

            // a name that is not installed: the best-ranked policy decides until it is
            setPolicy("ledrl");
            String best = bestRanked();
            driver.awaitPolicy(best, SWITCH_MILLIS);
            assertEquals(best, decisions.activePolicy());

            assertEquals(List.of(), driver.faults());
        }
        assertEquals("the decision service was reconfigured in place, not restarted", serviceId, serviceId());
    }

    @Test
    public void useSwitchesPoliciesAndKeepsTheChoiceInTheConfiguration() throws Exception {
        Waits.await("both policies installed", 10_000, () -> registry.names().equals(List.of("local", "random")),
                registry::names);
        Console console = new Console();

        assertEquals(0, command("use").run(List.of("random"), console.context));
        assertEquals("random", decisions.activePolicy());
        assertEquals("random", configurationAdmin.getConfiguration(PID, "?").getProperties().get("policy"));

        assertEquals(0, command("policies").run(List.of(), console.context));
        assertTrue(console.out(), console.out().contains("* random"));

        assertEquals(1, command("use").run(List.of("nosuch"), console.context));
        assertTrue(console.err(), console.err().contains("No policy named 'nosuch' is installed; installed: local, random"));
        assertEquals("a refused choice changes nothing", "random", decisions.activePolicy());

        assertEquals(0, command("use").run(List.of("--default"), console.context));
        assertEquals(bestRanked(), decisions.activePolicy());
        assertEquals("", configurationAdmin.getConfiguration(PID, "?").getProperties().get("policy"));
    }

    @Test(expected = Arguments.UsageException.class)
    public void useWithoutAPolicyIsAUsageError() throws Exception {
        command("use").run(List.of(), new Console().context);
    }

    private void setPolicy(String policy) throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("policy", policy);
        configurationAdmin.getConfiguration(PID, "?").update(properties);
    }

    /** The policy the framework ranks first: what decides when no name is configured. */
    private String bestRanked() throws Exception {
        Collection<ServiceReference<OffloadingPolicy>> policies =
                context.getServiceReferences(OffloadingPolicy.class, null);
        return (String) policies.stream().max(ServiceReference::compareTo).orElseThrow().getProperty("policy.name");
    }

    private long serviceId() {
        return (Long) context.getServiceReference(DecisionService.class).getProperty("service.id");
    }

    private CliCommand command(String name) throws Exception {
        return context.getServiceReferences(CliCommand.class, null).stream().map(context::getService)
                .filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no command " + name));
    }

    /** A command context writing to memory. */
    static final class Console {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Path.of("."));

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }
}
