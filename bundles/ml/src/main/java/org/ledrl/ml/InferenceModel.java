package org.ledrl.ml;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A loaded ONNX model that runs with ONNX Runtime on the CPU: named tensors in, named tensors out.
 * Thread-safe: several threads may run it at once. Close it to free its native memory.
 */
@ProviderType
public interface InferenceModel extends AutoCloseable {

    /** The model's inputs, in graph order. */
    List<TensorSpec> inputs();

    /** The model's outputs, in graph order. */
    List<TensorSpec> outputs();

    /**
     * Runs the model.
     *
     * @param inputs one tensor per graph input, by name
     * @return every graph output, by name
     * @throws IllegalArgumentException naming a missing input or one whose shape does not fit
     */
    Map<String, Tensor> run(Map<String, Tensor> inputs);

    @Override
    void close();
}
