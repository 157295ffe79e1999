package org.ledrl.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.sim.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final OffloadingPolicy LOCAL = new OffloadingPolicy() {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            return Decision.of(observation.agent(), "local");
        }
    };

    private final PolicyRegistry registry = new PolicyRegistry() {
        @Override
        public List<String> names() {
            return List.of("local");
        }

        @Override
        public Optional<OffloadingPolicy> find(String name) {
            return name.equals("local") ? Optional.of(LOCAL) : Optional.empty();
        }
    };

    private int simulate(String... args) throws Exception {
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, home);
        return new SimulateCommand(registry).run(List.of(args), context);
    }

    private void scenario(String name, String yaml) throws Exception {
        Path dir = home.resolve("conf/scenarios");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void runsAScenarioFromTheHomeAndWritesResultsAndTrace() throws Exception {
        scenario("tiny.yaml", "name: tiny\nslots: 20\nepisodes: 2\n");
        Path outDir = home.resolve("run");
        int status = simulate("--scenario", "tiny", "--policy", "local", "--set", "topology.nodes=6", "--set",
                "slots=30", "--out", outDir.toString(), "--trace", "--seed", "5");
        assertEquals(0, status, err.toString());
        RunResult result = RunResult.read(outDir.resolve("results.json"));
        assertEquals("tiny", result.scenario().name());
        assertEquals(6, result.nodes());
        assertEquals(30, result.scenario().slots());
        assertEquals(5, result.seed());
        assertEquals(2, result.episodes().size());
        List<String> trace = new ArrayList<>(Files.readAllLines(outDir.resolve("trace.jsonl")));
        trace.removeIf(String::isBlank);
        long outcomeLines = trace.stream().filter(l -> l.contains("\"failure\"")).count();
        assertEquals(result.total().tasks(), outcomeLines);
        assertTrue(out.toString().contains("success rate"), out.toString());
        assertTrue(err.toString().contains("simulate 60/60"), "progress is shown: " + err);
    }

    @Test
    void anUnknownPolicyIsAUsageError() throws Exception {
        scenario("tiny.yaml", "name: tiny\nslots: 5\n");
        assertEquals(2, simulate("--scenario", "tiny.yaml", "--policy", "oracle", "--out", home.resolve("x").toString()));
        assertTrue(err.toString().contains("no policy named 'oracle'") && err.toString().contains("local"),
                err.toString());
        assertFalse(Files.exists(home.resolve("x")), "nothing written");
    }

    @Test
    void aBadScenarioNamesFileAndKey() throws Exception {
        scenario("bad.yaml", "tasks: {sizeKB: [500, 250]}\n");
        assertEquals(2, simulate("--scenario", "bad", "--policy", "local", "--out", home.resolve("x").toString()));
        assertTrue(err.toString().contains("bad.yaml: tasks.sizeKB: min 500.0 is greater than max 250.0"),
                err.toString());
        assertFalse(Files.exists(home.resolve("x")), "nothing written");
    }

    @Test
    void aMissingScenarioOrOptionIsAUsageError() throws Exception {
        assertEquals(2, simulate("--scenario", "nowhere", "--policy", "local"));
        assertTrue(err.toString().contains("scenario file 'nowhere' not found"), err.toString());
        assertEquals(2, simulate("--policy", "local"));
        assertTrue(err.toString().contains("--scenario is required"), err.toString());
    }
}
