package org.ledrl.policy.mappo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ledrl.policy.mappo.internal.Fixtures.candidate;
import static org.ledrl.policy.mappo.internal.Fixtures.observation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.policy.mappo.ActorEngine;
import org.ledrl.policy.mappo.CurvePoint;

class MappoPolicyTest {

    @Test
    void decidesOnlyAvailableCandidates(@TempDir Path dir) throws Exception {
        Path model = Fixtures.exportActor(dir, 10, 1);
        MappoPolicy policy = new MappoPolicy(Fixtures.RUNTIME, Fixtures.config(model.toString(), 0));
        try {
            List<Observation> observations = DecisionBench.observations(14, 200, 3);
            for (Observation o : observations) {
                Decision d = policy.decide(o, StrategyPrior.none(0));
                int index = o.indexOf(d.target());
                assertTrue(index >= 0 && index < 10, "target " + d.target() + " is not among the first 10");
                boolean anyAvailable = o.candidates().stream().limit(10).anyMatch(Candidate::available);
                assertTrue(!anyAvailable || o.candidates().get(index).available(), "chose an unavailable node");
                assertEquals("mappo", d.policy());
            }
            Observation onlySelf = observation(List.of(candidate(2, 0, Health.UP, true, 0.5),
                    candidate(5, 1, Health.DOWN, true, 0), candidate(6, 1, Health.UP, false, 0)));
            assertEquals(2, policy.decide(onlySelf, StrategyPrior.none(2)).target());
        } finally {
            policy.deactivate();
        }
    }

    @Test
    void replacingTheFilesSwapsTheModelAndABrokenOneIsRefused(@TempDir Path dir) throws Exception {
        Path model = Fixtures.exportActor(dir, 10, 1);
        MappoPolicy policy = new MappoPolicy(Fixtures.RUNTIME, Fixtures.config(model.toString(), 0));
        try {
            assertEquals(10, policy.activeCard().orElseThrow().observation().maxNodes());

            Path staging = Files.createDirectory(dir.resolve("staging"));
            Fixtures.exportActor(staging, 12, 2);
            replace(staging.resolve("model.onnx"), model);
            replace(staging.resolve(org.ledrl.policy.mappo.ActorEngine.CARD_NAME), dir.resolve(org.ledrl.policy.mappo.ActorEngine.CARD_NAME));
            policy.checkFiles();
            assertEquals(12, policy.activeCard().orElseThrow().observation().maxNodes());
            assertEquals(2L, policy.activeCard().orElseThrow().training().seed());

            // a card that does not fit the model: refused, the 12-node model stays
            Fixtures.exportActor(staging, 16, 3);
            replace(staging.resolve("model.onnx"), model);
            policy.checkFiles();
            assertEquals(12, policy.activeCard().orElseThrow().observation().maxNodes());
            Observation o = DecisionBench.observations(20, 1, 5).get(0);
            assertTrue(o.indexOf(policy.decide(o, StrategyPrior.none(0)).target()) < 12);
        } finally {
            policy.deactivate();
        }
    }

    @Test
    void withoutAModelFileItDecidesWithTheShippedModel() {
        MappoPolicy policy = new MappoPolicy(Fixtures.RUNTIME, Fixtures.config("", 0));
        try {
            assertEquals(20, policy.activeCard().orElseThrow().observation().maxNodes());
            assertEquals(192, policy.trainingCurve().size(), "the shipped curve: a row per update of 16 episodes");
            // validated before training and every 256 episodes
            assertEquals(13, policy.validationCurve().size(), "the shipped validation curve");
            assertEquals(0, policy.validationCurve().get(0).episode());
            for (Observation o : DecisionBench.observations(10, 50, 8)) {
                Decision d = policy.decide(o, StrategyPrior.none(0));
                assertTrue(o.candidates().get(o.indexOf(d.target())).available());
            }
        } finally {
            policy.deactivate();
        }
    }

    @Test
    void aMissingConfiguredModelFallsBackToTheShippedOne(@TempDir Path dir) {
        MappoPolicy policy = new MappoPolicy(Fixtures.RUNTIME, Fixtures.config(dir.resolve("none.onnx").toString(), 0));
        try {
            assertTrue(policy.activeCard().orElseThrow().training().scenario().startsWith("paper-20-random varying"),
                    "the shipped card: " + policy.activeCard().orElseThrow().training());
        } finally {
            policy.deactivate();
        }
    }

    @Test
    void theCurvesComeFromTheCurveFileBesideTheModel(@TempDir Path dir) throws Exception {
        Path model = Fixtures.exportActor(dir, 10, 1);
        Files.writeString(dir.resolve(ActorEngine.CURVE_NAME), """
                episode,mean_return,success_rate,decisions,elapsed_s,validation_success_rate
                0,,,0,0.00,0.61234
                1,6.20052,0.59842,1011,0.81,
                2,22.1,0.70000,1002,1.30,0.66000
                """);
        MappoPolicy policy = new MappoPolicy(Fixtures.RUNTIME, Fixtures.config(model.toString(), 0));
        try {
            assertEquals(List.of(new CurvePoint(1, 0.59842), new CurvePoint(2, 0.7)), policy.trainingCurve());
            assertEquals(List.of(new CurvePoint(0, 0.61234), new CurvePoint(2, 0.66)), policy.validationCurve());

            Files.writeString(dir.resolve(ActorEngine.CURVE_NAME), "episode,success_rate,validation_success_rate\n"
                    + "0,,broken\n");
            assertEquals(List.of(), policy.validationCurve(), "an unreadable curve is none");
        } finally {
            policy.deactivate();
        }
    }

    private static void replace(Path source, Path target) throws Exception {
        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // a distinct time stamp, as a real replacement a moment later would have
        Files.setLastModifiedTime(target, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() + 1000
                + Files.getLastModifiedTime(target).toMillis() % 1000
                ));
    }
}
