package org.ledrl.ml.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.ml.InferenceModel;
import org.ledrl.ml.Tensor;
import org.ledrl.ml.TensorSpec;

/**
 * An ONNX model in an ONNX Runtime session on the CPU, one intra-op thread (batch-1 decisions are latency-bound:
 * more threads only add hand-over cost). The file is read into memory first, so it may be replaced right after.
 */
final class OrtInferenceModel implements InferenceModel {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    /** Each deciding thread's direct input buffers: ONNX Runtime would copy a heap buffer into a new one per call. */
    private final ThreadLocal<Staging> staging;

    private OrtInferenceModel(OrtEnvironment environment, OrtSession session) throws OrtException {
        this.environment = environment;
        this.session = session;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
        int count = inputs.size();
        this.staging = ThreadLocal.withInitial(() -> new Staging(count));
    }

    /**
     * One thread's direct buffers, one per input, grown to the largest input seen: a decision's inputs are copied in
     * and handed to ONNX Runtime without another copy or allocation. A tensor made over a buffer lives only within
     * {@link #run}, so the next call of the same thread may reuse it.
     */
    private static final class Staging {
        private final FloatBuffer[] buffers;

        Staging(int inputs) {
            buffers = new FloatBuffer[inputs];
        }

        FloatBuffer holding(int input, float[] data) {
            FloatBuffer buffer = buffers[input];
            if (buffer == null || buffer.capacity() < data.length) {
                buffer = ByteBuffer.allocateDirect(Float.BYTES * Math.max(data.length, 64))
                        .order(ByteOrder.nativeOrder()).asFloatBuffer();
                buffers[input] = buffer;
            }
            buffer.clear();
            buffer.put(data);
            buffer.flip();
            return buffer;
        }
    }

    static InferenceModel load(byte[] bytes, String file) throws IOException {
        try {
            return ContextClassLoader.call(() -> {
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                    options.setIntraOpNumThreads(1);
                    options.setInterOpNumThreads(1);
                    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                    OrtSession session = environment.createSession(bytes, options);
                    try {
                        return new OrtInferenceModel(environment, session);
                    } catch (OrtException | RuntimeException e) {
                        session.close();
                        throw e;
                    }
                }
            });
        } catch (OrtException e) {
            throw new IOException(file + " is not a model ONNX Runtime can load: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo info : infos.values()) {
            long[] shape = info.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
            specs.add(new TensorSpec(info.getName(), shape));
        }
        return List.copyOf(specs);
    }

    @Override
    public List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public List<TensorSpec> outputs() {
        return outputs;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> feed) {
        Map<String, OnnxTensor> tensors = new HashMap<>(inputs.size() * 2);
        Staging buffers = staging.get();
        try {
            for (int i = 0; i < inputs.size(); i++) {
                TensorSpec input = inputs.get(i);
                Tensor tensor = feed.get(input.name());
                if (tensor == null) {
                    throw new IllegalArgumentException("model input '" + input.name() + "' is missing; the model takes "
                            + inputs);
                }
                if (!input.accepts(tensor.shape())) {
                    throw new IllegalArgumentException("model input '" + input.name() + "' must have shape "
                            + Arrays.toString(input.shape()) + ", got " + Arrays.toString(tensor.shape()));
                }
                tensors.put(input.name(), OnnxTensor.createTensor(environment,
                        buffers.holding(i, tensor.data()), tensor.shape()));
            }
            try (OrtSession.Result result = session.run(tensors)) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> entry : result) {
                    OnnxTensor value = (OnnxTensor) entry.getValue();
                    FloatBuffer buffer = value.getFloatBuffer();
                    float[] data = new float[buffer.remaining()];
                    buffer.get(data);
                    out.put(entry.getKey(), new Tensor(data, value.getInfo().getShape()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
