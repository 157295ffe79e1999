package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.policy.PolicyTrainer;

/** Episodes run side by side on several threads give the same training as on one, bit for bit. */
class ParallelRolloutsTest {

    @Test
    void mappoTrainsTheSameModelOnOneThreadAndOnThree(@TempDir Path dir) throws Exception {
        assertSameOnOneAndThree(new MappoTrainer(MappoTrainerTest.RUNTIME), dir);
    }

    /** The alignment actor with its prior boards: each lane asks the shared provider from its own thread. */
    @Test
    void ledrlTrainsTheSameModelOnOneThreadAndOnThree(@TempDir Path dir) throws Exception {
        assertSameOnOneAndThree(new LedrlTrainer(MappoTrainerTest.RUNTIME), dir);
    }

    private static void assertSameOnOneAndThree(PolicyTrainer trainer, Path dir) throws Exception {
        List<Double> one = new ArrayList<>();
        List<Double> three = new ArrayList<>();
        // 4 lanes per update on 3 threads: groups of 1, 1 and 2; validation's 8 seeds in groups of 2, 3 and 3
        trainer.train(MappoTrainerTest.request(MappoTrainerTest.scenario(), 8, dir.resolve("one"),
                MappoTrainerTest.quick("threads=1")), (e, t, r, rate) -> one.add(rate));
        trainer.train(MappoTrainerTest.request(MappoTrainerTest.scenario(), 8, dir.resolve("three"),
                MappoTrainerTest.quick("threads=3")), (e, t, r, rate) -> three.add(rate));
        assertEquals(one, three, "training success per episode");
        assertEquals(TrainingCurve.read(dir.resolve("one/curve.csv"), 8).points().stream()
                        .map(TrainingCurve.Point::validationSuccess).toList(),
                TrainingCurve.read(dir.resolve("three/curve.csv"), 8).points().stream()
                        .map(TrainingCurve.Point::validationSuccess).toList(), "validation");
        assertArrayEquals(Files.readAllBytes(dir.resolve("one/model.onnx")),
                Files.readAllBytes(dir.resolve("three/model.onnx")));
    }
}
