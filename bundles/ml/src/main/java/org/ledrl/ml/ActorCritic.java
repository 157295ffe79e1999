package org.ledrl.ml;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The trainable MAPPO networks: the attention actor shared by all agents and the centralised critic, held by the
 * ML runtime (DJL with the PyTorch engine). One thread drives one instance; close it to free native memory. Between
 * updates, {@link #scores}, {@link #probabilities} and {@link #values} may also be called from several threads at once
 * (episodes run side by side on several cores).
 *
 * <p>The actor's scores are what its ONNX export computes: masked logits, one per token, with masked tokens at
 * about {@code -1e9}.
 */
@ProviderType
public interface ActorCritic extends AutoCloseable {

    NetworkSpec spec();

    /**
     * The actor's masked logits, {@code batch x maxNodes}, in inference mode (no dropout).
     *
     * @param observations {@code batch x maxNodes x features}
     * @param masks        {@code batch x maxNodes}, 1 allowed, 0 masked
     */
    float[] scores(float[] observations, float[] masks, int batch);

    /** Action probabilities, {@code batch x maxNodes}: the softmax of {@link #scores}. */
    float[] probabilities(float[] observations, float[] masks, int batch);

    /** The critic's values, one per row of {@code criticInputs} ({@code batch x criticInputs}). */
    float[] values(float[] criticInputs, int batch);

    /** Runs PPO epochs over {@code batch} in shuffled minibatches; {@code seed} fixes the shuffle and dropout. */
    UpdateStats update(RolloutBatch batch, PpoSettings settings, long seed);

    /** Writes weights and optimiser state, so {@link MlRuntime#loadActorCritic} resumes exactly. */
    void save(Path file) throws IOException;

    /**
     * Writes the actor as an ONNX model: inputs {@code observation [batch, maxNodes*features]} and
     * {@code mask [batch, maxNodes]}, output {@code scores [batch, maxNodes]}.
     */
    void exportActor(Path file) throws IOException;

    @Override
    void close();
}
