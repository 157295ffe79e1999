package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.command.CommandContext;

class TrainCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path home, String... args) throws Exception {
        TrainCommand command = new TrainCommand();
        command.addTrainer(new MappoTrainer(MappoTrainerTest.RUNTIME));
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, home);
        return command.run(List.of(args), context);
    }

    @Test
    void trainsFromAScenarioInTheHomeFolderAndReports(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("conf/scenarios"));
        Files.writeString(home.resolve("conf/scenarios/tiny.yaml"), "name: tiny\nslots: 10\ntopology: { nodes: 5 }\n");
        Path dir = home.resolve("run");
        int status = run(home, "--scenario", "tiny", "--set", "tasks.deadlineS=3", "--episodes", "2", "--seed", "4",
                "--out", dir.toString());
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("trained mappo on tiny for 2 episodes (seed 4)"), printed);
        assertTrue(printed.lines().anyMatch(line -> line.matches("time: rollouts \\d+%, credit \\d+%, update \\d+%, "
                + "validation \\d+%, the rest \\d+%")), "where the run's time went: " + printed);
        String progress = err.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("train tiny 2/2") && progress.contains("success"), progress);
        for (String file : List.of("model.onnx", "model-card.json", "curve.csv", "curve.png", "checkpoint.bin")) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
    }

    @Test
    void usageErrorsAndBadScenariosAreNamed(@TempDir Path home) throws Exception {
        assertEquals(2, run(home, "--scenario", "x.yaml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("option --out is required"));
        err.reset();
        assertEquals(2, run(home, "--scenario", "nowhere", "--out", "o"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("scenario file 'nowhere' not found"));
        err.reset();
        assertEquals(2, run(home, "--scenario", "x", "--out", "o", "--algorithm", "dqn"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no trainer for algorithm 'dqn'; installed: [mappo]"));
        err.reset();
        Path bad = home.resolve("bad.yaml");
        Files.writeString(bad, "slots: -3\n");
        assertEquals(1, run(home, "--scenario", bad.toString(), "--out", home.resolve("o").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("slots"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        Files.writeString(bad, "slots: 5\n");
        assertEquals(1, run(home, "--scenario", bad.toString(), "--out", home.resolve("o").toString(), "--hp",
                "gamma=2"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("gamma must be in [0.0, 1.0], not 2.0"));
    }

    @Test
    void trainsUnderVariedConditionsAndSaysSoOnTheCard(@TempDir Path home) throws Exception {
        Path scenario = home.resolve("tiny.yaml");
        Files.writeString(scenario, "name: tiny\nslots: 10\ntopology: { nodes: 5 }\n");
        Path dir = home.resolve("run");
        int status = run(home, "--scenario", scenario.toString(), "--vary", "failures.transmissionRate=0,0.25",
                "--episodes", "2", "--out", dir.toString(), "--hp", "validateEvery=0");
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("trained mappo on tiny varying failures.transmissionRate=0,0.25 for 2 episodes"),
                printed);
        assertTrue(Files.readString(dir.resolve("model-card.json")).contains("varying failures.transmissionRate=0,0.25"));
    }

    @Test
    void aBadVariationIsNamedBeforeTraining(@TempDir Path home) throws Exception {
        Path scenario = home.resolve("tiny.yaml");
        Files.writeString(scenario, "name: tiny\nslots: 10\ntopology: { nodes: 5 }\n");
        Path dir = home.resolve("run");
        assertEquals(2, run(home, "--scenario", scenario.toString(), "--vary", "failures.transmissionRate",
                "--out", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--vary needs key=v1,v2,..., not "
                + "'failures.transmissionRate'"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, run(home, "--scenario", scenario.toString(), "--vary", "failures.transmissionRate=0,7",
                "--out", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("failures.transmissionRate")
                && err.toString(StandardCharsets.UTF_8).contains("failures.transmissionRate (from --vary): must be at most 1.0, not 7.0"),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("checkpoint.bin")), "nothing trained");
    }
}
