package org.ledrl.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ledrl.itests.Platform.LOCAL_POLICY;
import static org.ledrl.itests.Platform.RANDOM_POLICY;
import static org.ledrl.itests.Platform.RANDOM_POLICY_PID;
import static org.ledrl.itests.Platform.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ledrl.api.runtime.DecisionService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The point of the platform: policies come and go while decisions keep flowing. One thread decides
 * continuously while this one installs a higher-ranked policy bundle, uninstalls it (and refreshes
 * it away), and stops the original policy. Every decision must be valid, the policy in use must
 * change within a second of each event, and no other bundle may be restarted or refreshed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT {

    private static final long SWITCH_MILLIS = 1_000;

    @Inject
    private BundleContext context;

    @Inject
    private DecisionService decisions;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        return new Option[] {platform()};
    }

    @Test
    public void policiesSwapUnderLoadWithoutAFailedDecisionOrARestart() throws Exception {
        ServiceReference<DecisionService> service = context.getServiceReference(DecisionService.class);
        List<BundleEvent> events = new CopyOnWriteArrayList<>();
        BundleListener recorder = events::add;
        context.addBundleListener(recorder);
        // random will come up ranked above local
        Hashtable<String, Object> ranking = new Hashtable<>();
        ranking.put(Constants.SERVICE_RANKING, 100);
        configurationAdmin.getConfiguration(RANDOM_POLICY_PID, "?").update(ranking);

        List<Long> switchMillis = new ArrayList<>();
        long decisionsMade;
        try (DecisionDriver driver = new DecisionDriver(decisions)) {
            switchMillis.add(driver.awaitPolicy("local", SWITCH_MILLIS));

            Bundle random = context.installBundle(Platform.bundleUrl("random"));
            random.start();
            switchMillis.add(driver.awaitPolicy("random", SWITCH_MILLIS));
            assertEquals("random", decisions.activePolicy());

            random.uninstall();
            switchMillis.add(driver.awaitPolicy("local", SWITCH_MILLIS));
            assertEquals("local", decisions.activePolicy());
            refresh(random); // what an operator or File Install does next: it must touch nothing else

            bundle(LOCAL_POLICY).stop();
            switchMillis.add(driver.awaitPolicy("none", SWITCH_MILLIS));
            assertEquals("none", decisions.activePolicy());

            decisionsMade = driver.decisions();
            assertEquals("every decision valid", List.of(), driver.faults());
            System.out.printf("Hot swap: %d decisions (%s); policy switched after %s ms%n", decisionsMade,
                    driver.byPolicy(), switchMillis);
        } finally {
            context.removeBundleListener(recorder);
        }

        assertTrue("decisions kept flowing: " + decisionsMade, decisionsMade > 1_000);
        Set<String> touched = new TreeSet<>();
        events.forEach(e -> touched.add(e.getBundle().getSymbolicName()));
        assertEquals("only the swapped policy bundles changed state", new TreeSet<>(Set.of(LOCAL_POLICY,
                RANDOM_POLICY)), touched);
        assertEquals("the decision service was never re-registered", service.getProperty(Constants.SERVICE_ID),
                context.getServiceReference(DecisionService.class).getProperty(Constants.SERVICE_ID));
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    private void refresh(Bundle bundle) throws Exception {
        CompletableFuture<FrameworkEvent> refreshed = new CompletableFuture<>();
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), refreshed::complete);
        assertEquals(FrameworkEvent.PACKAGES_REFRESHED, refreshed.get(10, TimeUnit.SECONDS).getType());
    }
}
