package org.ledrl.ml.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.InferenceModel;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.Tensor;

class OrtInferenceModelTest {

    @Test
    void aFileThatIsNotOnnxIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.onnx");
        Files.writeString(file, "hello");
        IOException e = assertThrows(IOException.class, () -> TestData.RUNTIME.loadOnnx(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> TestData.RUNTIME.loadOnnx(dir.resolve("none")));
        assertTrue(missing.getMessage().contains("no ONNX model at"), missing.getMessage());
    }

    @Test
    void missingOrMisshapenInputsAreNamed(@TempDir Path dir) throws IOException {
        NetworkSpec spec = new NetworkSpec(4, 3, 8, 16, 2, 0.0);
        Path file = dir.resolve("actor.onnx");
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(spec, 1)) {
            networks.exportActor(file);
        }
        try (InferenceModel model = TestData.RUNTIME.loadOnnx(file)) {
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> model.run(Map.of("observation", Tensor.matrix(new float[12], 1, 12))));
            assertTrue(missing.getMessage().contains("'mask' is missing"), missing.getMessage());
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> model.run(Map.of("observation", Tensor.matrix(new float[10], 1, 10),
                            "mask", Tensor.matrix(new float[4], 1, 4))));
            assertTrue(shape.getMessage().contains("'observation' must have shape [-1, 12], got [1, 10]"),
                    shape.getMessage());
        }
    }
}
