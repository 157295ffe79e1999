package org.ledrl.itests;

import static org.junit.Assert.assertEquals;
import static org.ledrl.itests.Platform.RANDOM_POLICY;
import static org.ledrl.itests.Platform.platform;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ledrl.api.runtime.DecisionService;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The deploy folder of an edge gateway: File Install watches it; a policy bundle dropped in is
 * installed and started and decides, a configuration file dropped in configures the decision
 * service, and deleting either undoes it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WatchedFolderIT {

    private static final String WATCHED = "felix.fileinstall.dir";
    private static final long TIMEOUT_MILLIS = 10_000;

    @Inject
    private BundleContext context;

    @Inject
    private PolicyRegistry registry;

    @Inject
    private DecisionService decisions;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() throws IOException {
        Path deploy = Files.createTempDirectory("ledrl-deploy");
        deploy.toFile().deleteOnExit();
        return new Option[] {platform(
                frameworkProperty(WATCHED).value(deploy.toString()),
                frameworkProperty("felix.fileinstall.poll").value("50"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                bundle(Platform.bundleUrl("fileinstall")))};
    }

    @Test
    public void aBundleDroppedInIsStartedAndDeletingItUninstallsIt() throws Exception {
        Path deploy = Path.of(context.getProperty(WATCHED));
        Path jar = deploy.resolve("random-policy.jar");
        Files.copy(Path.of(URI.create(Platform.bundleUrl("random"))), jar, StandardCopyOption.REPLACE_EXISTING);

        Waits.await("the dropped bundle started", TIMEOUT_MILLIS,
                () -> random().map(b -> b.getState() == Bundle.ACTIVE).orElse(false), this::state);
        Waits.await("its policy registered", TIMEOUT_MILLIS, () -> registry.names().contains("random"),
                registry::names);

        Path cfg = deploy.resolve("org.ledrl.runtime.decision.cfg");
        Files.writeString(cfg, "# decide with the policy dropped in\npolicy = random\n");
        Waits.await("the configuration file applied", TIMEOUT_MILLIS, () -> "random".equals(decisions.activePolicy()),
                decisions::activePolicy);

        Files.delete(jar);
        Waits.await("the deleted bundle uninstalled", TIMEOUT_MILLIS, () -> random().isEmpty(), this::state);
        assertEquals(List.of("local"), registry.names());
        assertEquals("the configured policy is gone: the best ranked decides", "local", decisions.activePolicy());

        Files.delete(cfg);
        Waits.await("the configuration removed", TIMEOUT_MILLIS, this::unconfigured, () -> "still configured");
    }

    private boolean unconfigured() {
        try {
            return configurationAdmin.listConfigurations("(service.pid=org.ledrl.runtime.decision)") == null;
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Bundle> random() {
        return Arrays.stream(context.getBundles()).filter(b -> RANDOM_POLICY.equals(b.getSymbolicName())).findFirst();
    }

    private String state() {
        return random().map(b -> "bundle state " + b.getState()).orElse("not installed");
    }
}
