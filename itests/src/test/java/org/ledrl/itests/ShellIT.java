package org.ledrl.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ledrl.itests.Platform.RUNTIME;
import static org.ledrl.itests.Platform.platform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Every command is the Gogo command ledrl:name, for as long as its bundle runs. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT {

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor gogo;

    @Configuration
    public Option[] configuration() {
        return new Option[] {platform()};
    }

    @Test
    public void commandsRunInGogoAndFollowTheirBundle() throws Exception {
        String help = run("ledrl:help");
        assertTrue(help, help.contains("policies") && help.contains("use") && help.contains("help"));
        assertTrue(run("ledrl:policies").contains("* local"));

        Bundle runtime = Arrays.stream(context.getBundles()).filter(b -> RUNTIME.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        runtime.stop();
        try {
            assertFalse("policies left with its bundle", run("ledrl:help").contains("policies"));
        } finally {
            runtime.start();
        }
        Waits.await("ledrl:policies back", 10_000, () -> run("ledrl:help").contains("policies"), () -> "absent");
    }

    @Test
    public void aFailedCommandIsReportedToGogo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (CommandSession session = gogo.createSession(new ByteArrayInputStream(new byte[0]), out, err)) {
            session.execute("ledrl:use nosuch");
            fail("a failed command must fail in Gogo too");
        } catch (IllegalStateException e) {
            assertEquals("ledrl:use exited with status 1", e.getMessage());
        }
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors, errors.contains("No policy named 'nosuch'"));
    }

    /** Runs a Gogo command line; returns what it printed. */
    private String run(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CommandSession session = gogo.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            session.execute(line);
        } catch (Exception e) {
            return "failed: " + e;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
