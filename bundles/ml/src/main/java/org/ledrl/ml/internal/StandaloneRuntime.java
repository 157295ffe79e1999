package org.ledrl.ml.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.InferenceModel;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.NetworkSpec;

/**
 * The ML runtime itself. The DS component hands out one; tests and tools outside a container construct one directly
 * ({@code cacheDir}: where PyTorch's natives are unpacked, about 430 MB on first use; {@code threads}: PyTorch
 * intra-op threads, 1 gives the best tail latency).
 */
public final class StandaloneRuntime implements MlRuntime {

    private final PyTorch pyTorch;
    /** DJL's PyTorch engine records gradients process-wide: one training step at a time. */
    private final Lock trainingLock = new ReentrantLock();

    public StandaloneRuntime(Path cacheDir, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("PyTorch threads must be at least 1: " + threads);
        }
        this.pyTorch = new PyTorch(cacheDir, threads);
    }

    @Override
    public InferenceModel loadOnnx(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no ONNX model at " + file);
        }
        return OrtInferenceModel.load(Files.readAllBytes(file), file.toString());
    }

    @Override
    public InferenceModel loadOnnx(byte[] model, String source) throws IOException {
        return OrtInferenceModel.load(model, source);
    }

    /** Where PyTorch's natives are (or will be) unpacked. */
    public Path cacheDir() {
        return pyTorch.cacheDir();
    }

    @Override
    public boolean canTrain() {
        return pyTorch.nativesPresent();
    }

    @Override
    public ActorCritic createActorCritic(NetworkSpec spec, long seed) {
        return AttentionActorCritic.create(pyTorch.newManager(), spec, seed, trainingLock);
    }

    @Override
    public ActorCritic loadActorCritic(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no checkpoint at " + file);
        }
        return AttentionActorCritic.load(pyTorch.newManager(), file, trainingLock);
    }
}
