package org.ledrl.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ledrl.itests.Platform.platform;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.FailureReason;
import org.ledrl.live.LiveDecision;
import org.ledrl.live.LiveRuntime;
import org.ledrl.live.OutcomeReport;
import org.ledrl.live.TaskRequest;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The live runtime in a real Felix with its evaluators (metrics, prior board, reflective memory): 200,000 decisions
 * of which 70% get an outcome, in-process, as REST and MQTT would make them. Every buffer the {@code status} command
 * reports is at or under its bound, the unreported tasks are the pending table's drops, and no outcome is kept for
 * a slot-by-slot caller that is not there.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveBoundsIT {

    private static final int DECISIONS = 200_000;
    private static final int MAX_PENDING = 10_000;
    private static final Pattern ROW = Pattern.compile("^\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$");

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        List<Option> options = new ArrayList<>();
        for (String property : List.of("ledrl.itest.sim", "ledrl.itest.priors", "ledrl.itest.live")) {
            for (String path : System.getProperty(property, "").split(",")) {
                if (!path.isBlank()) {
                    options.add(bundle(new File(path.trim()).toURI().toString()).startLevel(3));
                }
            }
        }
        // the reflective memory saves under <ledrl.home>/data/memory: keep it in the build folder
        options.add(frameworkProperty("ledrl.home").value(new File("target/live-bounds-home").getAbsolutePath()));
        return new Option[] {platform(options.toArray(Option[]::new))};
    }

    @Test
    public void twoHundredThousandDecisionsLeaveEveryBufferWithinItsBound() throws Exception {
        LiveRuntime runtime = service(LiveRuntime.class);
        Hashtable<String, Object> live = new Hashtable<>();
        live.put("links", new String[] {"0-1:25", "0-2:20"});
        live.put("maxPendingTasks", MAX_PENDING);
        configurationAdmin.getConfiguration("org.ledrl.live", "?").update(live);
        Waits.await("the live runtime configured", 20_000, () -> bound(runtime, "live.pending-tasks") == MAX_PENDING,
                runtime::buffers);
        Waits.await("the prior board and the reflective memory bound", 20_000,
                () -> names(runtime).contains("prior-board.dispatches") && names(runtime).contains("reflect.lessons"),
                () -> names(runtime));

        long start = System.nanoTime();
        long reported = 0;
        for (int i = 0; i < DECISIONS; i++) {
            LiveDecision decision = runtime.decide(new TaskRequest("", TaskRequest.LOCAL_ORIGIN, 300, 1000, Double.NaN,
                    4, "itest"));
            if (i % 10 < 7) {
                runtime.report(new OutcomeReport("", decision.taskId(), OutcomeReport.DECIDED_TARGET,
                        i % 5 == 0 ? FailureReason.DEADLINE_MISSED : FailureReason.NONE, 0.5));
                reported++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, long[]> shown = statusBuffers();
        System.out.printf("Live bounds: %d decisions, %d outcomes in %.1f s; buffers %s%n", DECISIONS, reported,
                seconds, render(shown));
        assertTrue("status lists the buffers: " + shown.keySet(), shown.keySet().containsAll(List.of(
                "live.pending-tasks", "live.slot-outcomes", "live.slot-tasks", "live.recent-failures",
                "live.network-nodes", "prior-board.outcomes-by-origin", "prior-board.outcomes-by-executor",
                "prior-board.dispatches", "reflect.short-term", "reflect.lessons", "reflect.file-bytes")));
        for (Map.Entry<String, long[]> buffer : shown.entrySet()) {
            long[] v = buffer.getValue();
            assertTrue(buffer.getKey() + " holds " + v[0] + ", more than its bound " + v[1], v[0] <= v[1]);
        }
        long[] pending = shown.get("live.pending-tasks");
        assertEquals("pending tasks: full", MAX_PENDING, pending[0]);
        assertEquals("every unreported task beyond the bound counted", DECISIONS - reported - pending[0], pending[2]);
        assertEquals("no outcome kept for a step nobody takes", 0, shown.get("live.slot-outcomes")[0]);
        assertEquals(DECISIONS, runtime.activity().decisions());
        assertEquals(reported, runtime.activity().outcomes());
        assertTrue(runtime.buffers().stream().allMatch(BufferStatus::withinBound));
    }

    /** The rows of the status command's buffer table: name to size, bound, dropped. */
    private Map<String, long[]> statusBuffers() throws Exception {
        CliCommand status = null;
        for (ServiceReference<CliCommand> ref : context.getServiceReferences(CliCommand.class, null)) {
            CliCommand command = context.getService(ref);
            if ("status".equals(command.name())) {
                status = command;
            }
        }
        assertTrue("the status command is there", status != null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(0, status.run(List.of(), new CommandContext(out, out, false, Path.of(""))));
        String text = bytes.toString(StandardCharsets.UTF_8);
        Map<String, long[]> rows = new TreeMap<>();
        boolean inTable = false;
        for (String line : text.split("\\R")) {
            if (line.startsWith("Bounded buffers:")) {
                inTable = true;
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inTable && row.matches()) {
                rows.put(row.group(1), new long[] {Long.parseLong(row.group(2)), Long.parseLong(row.group(3)),
                        Long.parseLong(row.group(4))});
            }
        }
        assertTrue("status printed a buffer table:\n" + text, !rows.isEmpty());
        return rows;
    }

    private static String render(Map<String, long[]> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach((name, v) -> text.append(String.format("%n  %-34s %8d / %-8d dropped %d", name, v[0], v[1], v[2])));
        return text.toString();
    }

    private static long bound(LiveRuntime runtime, String name) {
        return runtime.buffers().stream().filter(b -> b.name().equals(name)).mapToLong(BufferStatus::bound).findFirst()
                .orElse(-1);
    }

    private static List<String> names(LiveRuntime runtime) {
        return runtime.buffers().stream().map(BufferStatus::name).toList();
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(20_000);
        assertTrue("no " + type.getSimpleName() + " service", service != null);
        return service;
    }
}
