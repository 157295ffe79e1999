package org.ledrl.ml;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The ML runtime: the one place in the JVM that loads DJL, PyTorch and ONNX Runtime. The {@code org.ledrl.ml}
 * bundle registers it as a service; policy engines and trainers use it and never touch those libraries.
 *
 * <p>Inference ({@link #loadOnnx}) needs only ONNX Runtime, which every distribution carries. Training needs
 * PyTorch's native libraries (a natives fragment, server profile only): {@link #canTrain()} tells whether they
 * are there.
 *
 * <p>Outside a container (tests, tools), construct the bundle's implementation directly; this interface does not
 * name it.
 */
@ProviderType
public interface MlRuntime {

    /**
     * Loads an ONNX model for CPU inference.
     *
     * @throws IOException naming the file when it cannot be read or is not a valid ONNX model
     */
    InferenceModel loadOnnx(Path file) throws IOException;

    /**
     * Loads an ONNX model from memory (e.g. a model shipped inside a bundle).
     *
     * @param source names the model in error messages
     * @throws IOException naming {@code source} when the bytes are not a valid ONNX model
     */
    InferenceModel loadOnnx(byte[] model, String source) throws IOException;

    /** Whether PyTorch's natives are present, so that {@link #createActorCritic} works. */
    boolean canTrain();

    /**
     * New actor and critic with freshly initialised weights.
     *
     * @throws IllegalStateException when PyTorch is not available here (edge profile), saying so
     */
    ActorCritic createActorCritic(NetworkSpec spec, long seed);

    /** Loads networks and optimiser state saved by {@link ActorCritic#save}. */
    ActorCritic loadActorCritic(Path file) throws IOException;
}
