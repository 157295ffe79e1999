package org.ledrl.policy.mappo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ledrl.ml.TensorSpec;

/**
 * A small JSON file beside a {@code model.onnx} that says what the model expects and where it came from. The
 * {@code mappo} policy engine loads any ONNX actor whose card matches the {@link ObservationEncoder} layout and
 * whose graph matches its card, so a policy trained elsewhere (e.g. in PyTorch) runs here once described by a card.
 *
 * <pre>
 * {
 *   "format" : "ledrl-model-card/1",
 *   "algorithm" : "mappo",
 *   "observation" : { "layout" : "ledrl-candidates/1", "input" : "observation", "maskInput" : "mask",
 *                     "maxNodes" : 20, "features" : [ "present", "self", ... ] },
 *   "action" : { "output" : "scores", "size" : 20,
 *                "meaning" : "one score per candidate token; the highest available candidate runs the task" },
 *   "training" : { "scenario" : "paper-20", "seed" : 1, "episodes" : 300, "finalSuccessRate" : 0.61 }
 * }
 * </pre>
 * The model's input {@code observation} is {@code [batch, maxNodes * features]}, {@code mask} is
 * {@code [batch, maxNodes]} (1 allowed, 0 masked), output {@code scores} is {@code [batch, maxNodes]}.
 */
public record ModelCard(String format, String algorithm, ObservationLayout observation, ActionLayout action,
                        Training training) {

    /** The card of a model whose tokens carry the agents' recent activity ({@link ObservationEncoder#LAYOUT}). */
    public static final String FORMAT = "ledrl-model-card/2";
    /** The first cards, of models trained before tokens carried the agents' recent activity: refused, with why. */
    static final String FORMAT_V1 = "ledrl-model-card/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** How observations are fed: the layout name, the two input names, the padding size and the feature names. */
    public record ObservationLayout(String layout, String input, String maskInput, int maxNodes,
                                    List<String> features) {
    }

    /** The output: its name, its size (one score per token) and a sentence for people. */
    public record ActionLayout(String output, int size, String meaning) {
    }

    /** Where the model came from (informative; {@code null} fields are allowed for models trained elsewhere). */
    public record Training(String scenario, Long seed, Integer episodes, Double finalSuccessRate, String notes) {
    }

    /** The card of a model laid out by {@code encoder} and trained as {@code training} says. */
    public static ModelCard of(ObservationEncoder encoder, Training training) {
        return of("mappo", encoder, training);
    }

    /** The card of a model of {@code algorithm} (e.g. {@code ledrl}) laid out by {@code encoder}. */
    public static ModelCard of(String algorithm, ObservationEncoder encoder, Training training) {
        return new ModelCard(FORMAT, algorithm,
                new ObservationLayout(encoder.layout(), "observation", "mask", encoder.maxNodes(),
                        encoder.featureNames()),
                new ActionLayout("scores", encoder.maxNodes(),
                        "one score per candidate token; the highest available candidate runs the task"),
                training);
    }

    /**
     * Reads and checks a card.
     *
     * @throws IOException naming the file and the key that is missing or wrong
     */
    public static ModelCard read(Path file) throws IOException {
        ModelCard card;
        try {
            card = JSON.readValue(Files.readAllBytes(file), ModelCard.class);
        } catch (JsonProcessingException e) {
            throw new IOException("model card " + file + " is not valid: " + e.getOriginalMessage(), e);
        }
        if (card == null) {
            throw new IOException("model card " + file + " is empty");
        }
        List<String> problems = card.problems();
        if (!problems.isEmpty()) {
            throw new IOException("model card " + file + ": " + String.join("; ", problems));
        }
        return card;
    }

    public void write(Path file) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(this));
    }

    /** The encoder this card's model needs. */
    public ObservationEncoder encoder() {
        return ObservationEncoder.forLayout(observation.layout(), observation.maxNodes()).orElseThrow(
                () -> new IllegalStateException("no encoder for layout " + observation.layout()));
    }

    /** What is wrong with the card itself, key by key; empty when it is usable. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (FORMAT_V1.equals(format)) {
            problems.add("'format' is \"" + FORMAT_V1 + "\": the model was trained on observation layout 1, "
                    + "before learned policies saw what the agents did lately (the activity features of layout 2); "
                    + "it cannot decide with today's observations: retrain it with bin/ledrl train "
                    + "(bundles/policy-mappo/README.md)");
            return problems;
        }
        if (!FORMAT.equals(format)) {
            problems.add("'format' must be \"" + FORMAT + "\", not " + quoted(format));
        }
        if (observation == null) {
            problems.add("'observation' is missing");
        } else {
            var encoder = observation.layout() == null ? java.util.Optional.<ObservationEncoder>empty()
                    : ObservationEncoder.forLayout(observation.layout(), Math.max(1, observation.maxNodes()));
            if (encoder.isEmpty()) {
                problems.add("'observation.layout' must be \"" + ObservationEncoder.LAYOUT + "\" or \""
                        + ObservationEncoder.LAYOUT_WITH_PRIOR + "\" (the layouts this engine encodes), not "
                        + quoted(observation.layout()));
            }
            if (observation.input() == null || observation.maskInput() == null) {
                problems.add("'observation.input' and 'observation.maskInput' name the model's two inputs");
            }
            if (observation.maxNodes() < 1) {
                problems.add("'observation.maxNodes' must be at least 1, not " + observation.maxNodes());
            }
            List<String> expected = encoder.map(ObservationEncoder::featureNames).orElse(List.of());
            if (encoder.isPresent() && !expected.equals(observation.features())) {
                problems.add("'observation.features' must list " + expected + " in that order, not "
                        + observation.features());
            }
        }
        if (action == null || action.output() == null) {
            problems.add("'action.output' names the model's scores output and is missing");
        } else if (observation != null && action.size() != observation.maxNodes()) {
            problems.add("'action.size' (" + action.size() + ") must equal 'observation.maxNodes' ("
                    + observation.maxNodes() + "): one score per token");
        }
        return problems;
    }

    /**
     * Checks the model's graph against this card.
     *
     * @throws IOException saying every input or output that differs
     */
    public void verify(List<TensorSpec> inputs, List<TensorSpec> outputs, String model) throws IOException {
        List<String> differences = new ArrayList<>();
        long n = observation.maxNodes();
        long[] observationShape = {-1, n * observation.features().size()};
        long[] tokenShape = {-1, n};
        expect(differences, "input", inputs, observation.input(), observationShape);
        expect(differences, "input", inputs, observation.maskInput(), tokenShape);
        if (inputs.size() != 2) {
            differences.add("the model has " + inputs.size() + " inputs " + inputs + ", the card describes 2");
        }
        expect(differences, "output", outputs, action.output(), tokenShape);
        if (!differences.isEmpty()) {
            throw new IOException("model " + model + " does not match its card: " + String.join("; ", differences));
        }
    }

    private static void expect(List<String> differences, String kind, List<TensorSpec> specs, String name,
                               long[] shape) {
        TensorSpec found = specs.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (found == null) {
            differences.add("the card's " + kind + " '" + name + "' is not in the model, which has " + specs);
            return;
        }
        long[] actual = found.shape();
        boolean fits = actual.length == shape.length;
        for (int i = 1; fits && i < shape.length; i++) {
            fits = actual[i] == shape[i];
        }
        if (!fits) {
            differences.add(kind + " '" + name + "' has shape " + Arrays.toString(actual) + ", the card implies "
                    + Arrays.toString(shape).replace("-1", "batch"));
        }
    }

    private static String quoted(String s) {
        return s == null ? "missing" : "\"" + s + "\"";
    }
}
