package org.ledrl.policy.mappo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.ml.InferenceModel;
import org.ledrl.policy.mappo.ModelCard;
import org.ledrl.policy.mappo.ObservationEncoder;

class ModelCardTest {

    @Test
    void writtenCardReadsBackEqual(@TempDir Path dir) throws IOException {
        ModelCard card = ModelCard.of(new ObservationEncoder(20),
                new ModelCard.Training("paper-20", 3L, 200, 0.61, null));
        card.write(dir.resolve("card.json"));
        assertEquals(card, ModelCard.read(dir.resolve("card.json")));
    }

    @Test
    void wrongKeysAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("card.json");
        ModelCard.of(new ObservationEncoder(20), null).write(file);
        String good = Files.readString(file);

        Files.writeString(file, good.replace("\"ledrl-candidates/2\"", "\"my-layout\""));
        assertMessage(file, "'observation.layout' must be \"ledrl-candidates/2\"");

        // a card of the first format describes a model whose tokens lack the activity features: refused, saying why
        Files.writeString(file, good.replace("\"ledrl-model-card/2\"", "\"ledrl-model-card/1\""));
        assertMessage(file, "trained on observation layout 1, before learned policies saw what the agents did lately");
        assertMessage(file, "retrain it with bin/ledrl train");

        Files.writeString(file, good.replace("\"queue_length\"", "\"queue_len\""));
        assertMessage(file, "'observation.features' must list");

        Files.writeString(file, good.replace("\"size\" : 20", "\"size\" : 10"));
        assertMessage(file, "'action.size' (10) must equal 'observation.maxNodes' (20)");

        Files.writeString(file, good.replace("\"algorithm\"", "\"algoritm\""));
        assertMessage(file, "algoritm");

        Files.writeString(file, "{ not json");
        assertMessage(file, "is not valid");
    }

    @Test
    void aModelThatDoesNotMatchItsCardIsRefusedSayingWhatDiffers(@TempDir Path dir) throws IOException {
        Path model = Fixtures.exportActor(dir, 10, 1);
        ModelCard twenty = ModelCard.of(new ObservationEncoder(20), null);
        try (InferenceModel onnx = Fixtures.RUNTIME.loadOnnx(model)) {
            ModelCard.of(new ObservationEncoder(10), null).verify(onnx.inputs(), onnx.outputs(), "m");
            IOException e = assertThrows(IOException.class,
                    () -> twenty.verify(onnx.inputs(), onnx.outputs(), model.toString()));
            assertTrue(e.getMessage().contains("input 'observation' has shape [-1, 210], the card implies [batch, 420]"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("output 'scores' has shape [-1, 10], the card implies [batch, 20]"),
                    e.getMessage());
            ModelCard renamed = new ModelCard(twenty.format(), "mappo",
                    new ModelCard.ObservationLayout(ObservationEncoder.LAYOUT, "obs", "mask", 10,
                            new ObservationEncoder(10).featureNames()),
                    new ModelCard.ActionLayout("scores", 10, ""), null);
            IOException named = assertThrows(IOException.class,
                    () -> renamed.verify(onnx.inputs(), onnx.outputs(), "m"));
            assertTrue(named.getMessage().contains("the card's input 'obs' is not in the model"), named.getMessage());
        }
    }

    private static void assertMessage(Path file, String expected) {
        IOException e = assertThrows(IOException.class, () -> ModelCard.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
