package org.ledrl.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ledrl.itests.Platform.platform;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The {@code simulate} command inside a real Felix, with the policies found through the runtime's policy
 * registry: it writes results whose totals add up, the same seed gives the same file, and an unknown policy or
 * a bad scenario is refused with status 2 and no results.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SimulateIT {

    private static final String SCENARIO = """
            name: itest
            seed: 7
            slots: 40
            episodes: 2
            topology: { type: random, nodes: 8, degree: 3 }
            tasks: { arrivalProbability: 0.6, sizeKB: [250, 500] }
            """;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        List<Option> bundles = new ArrayList<>();
        for (String path : System.getProperty("ledrl.itest.sim", "").split(",")) {
            if (!path.isBlank()) {
                bundles.add(bundle(new File(path.trim()).toURI().toString()).startLevel(3));
            }
        }
        return new Option[] {platform(bundles.toArray(Option[]::new))};
    }

    @Test
    public void simulateWritesConsistentReproducibleResults() throws Exception {
        CliCommand simulate = awaitCommand("simulate");
        Path dir = Files.createTempDirectory("simulate-itest");
        Path scenario = Files.writeString(dir.resolve("itest.yaml"), SCENARIO);

        Run first = run(simulate, dir, "--scenario", scenario.toString(), "--policy", "greedy", "--out",
                dir.resolve("a").toString());
        assertEquals(first.err, 0, first.status);
        JsonNode a = new ObjectMapper().readTree(dir.resolve("a/results.json").toFile());
        long tasks = a.at("/total/tasks").asLong();
        long successes = a.at("/total/successes").asLong();
        assertTrue("tasks simulated: " + tasks, tasks > 50);
        assertTrue(successes > 0 && successes <= tasks);
        long perEpisode = 0;
        for (JsonNode episode : a.get("episodes")) {
            perEpisode += episode.get("tasks").asLong();
        }
        assertEquals("the episodes add up to the total", tasks, perEpisode);
        long failures = 0;
        var reasons = a.at("/total/failures").fields();
        while (reasons.hasNext()) {
            var reason = reasons.next();
            if (!reason.getKey().equals("NONE")) {
                failures += reason.getValue().asLong();
            }
        }
        assertEquals("every task ends in exactly one outcome", tasks, successes + failures);

        Run second = run(simulate, dir, "--scenario", scenario.toString(), "--policy", "greedy", "--out",
                dir.resolve("b").toString());
        assertEquals(second.err, 0, second.status);
        JsonNode b = new ObjectMapper().readTree(dir.resolve("b/results.json").toFile());
        assertEquals("same scenario and seed, same outcome counts", a.at("/total/failures"), b.at("/total/failures"));
        assertEquals(a.at("/total/successes"), b.at("/total/successes"));
    }

    @Test
    public void unknownPolicyAndBadScenarioAreRefusedWithoutResults() throws Exception {
        CliCommand simulate = awaitCommand("simulate");
        Path dir = Files.createTempDirectory("simulate-itest-bad");
        Path scenario = Files.writeString(dir.resolve("itest.yaml"), SCENARIO);

        Run unknown = run(simulate, dir, "--scenario", scenario.toString(), "--policy", "nosuch", "--out",
                dir.resolve("u").toString());
        assertEquals(2, unknown.status);
        assertTrue(unknown.err, unknown.err.contains("nosuch"));
        assertTrue(!Files.exists(dir.resolve("u/results.json")));

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: bad\ntasks: { sizeKB: [500, 250] }\n");
        Run invalid = run(simulate, dir, "--scenario", bad.toString(), "--policy", "greedy", "--out",
                dir.resolve("v").toString());
        assertEquals(2, invalid.status);
        assertTrue(invalid.err, invalid.err.contains("bad.yaml") && invalid.err.contains("tasks.sizeKB"));
        assertTrue(!Files.exists(dir.resolve("v/results.json")));
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(CliCommand command, Path home, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, home);
        int status = command.run(List.of(args), context);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The command service of that name, once the greedy policy is registered too; fails after 20 s. */
    private CliCommand awaitCommand(String name) throws Exception {
        ServiceTracker<CliCommand, CliCommand> commands = new ServiceTracker<>(context, CliCommand.class, null);
        commands.open();
        try {
            Waits.await("command '" + name + "' with the greedy policy", 20_000,
                    () -> find(commands, name) != null && greedyInstalled(), commands::size);
            return find(commands, name);
        } finally {
            commands.close();
        }
    }

    private static CliCommand find(ServiceTracker<CliCommand, CliCommand> commands, String name) {
        for (CliCommand command : commands.getServices(new CliCommand[0])) {
            if (command.name().equals(name)) {
                return command;
            }
        }
        return null;
    }

    private boolean greedyInstalled() {
        try {
            return !context.getServiceReferences(OffloadingPolicy.class, "(policy.name=greedy)").isEmpty();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
