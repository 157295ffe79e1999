package org.ledrl.itests;

import static org.junit.Assert.assertEquals;
import static org.ledrl.itests.Platform.platform;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ledrl.api.runtime.DecisionService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * One-shot mode as the launcher drives it ({@code bin/ledrl use random}): the framework property
 * {@code ledrl.command.args} names the command, and the exit status comes back through an
 * {@code IntConsumer} service marked {@code ledrl.exit=true}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OneShotIT {

    @Inject
    private BundleContext context;

    @Inject
    private DecisionService decisions;

    @Configuration
    public Option[] configuration() {
        return new Option[] {platform(
                bundle(Platform.bundleUrl("random")),
                frameworkProperty("ledrl.command.args").value("use\u001frandom"),
                frameworkProperty("ledrl.terminal").value("false"))};
    }

    @Test
    public void theCommandRunsOnceAndItsStatusReachesTheLauncher() throws Exception {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        Hashtable<String, Object> exit = new Hashtable<>();
        exit.put("ledrl.exit", true);
        ServiceRegistration<IntConsumer> launcher = context.registerService(IntConsumer.class, status::complete, exit);
        try {
            assertEquals(Integer.valueOf(0), status.get(30, TimeUnit.SECONDS));
            assertEquals("random", decisions.activePolicy());
        } finally {
            launcher.unregister();
        }
    }
}
