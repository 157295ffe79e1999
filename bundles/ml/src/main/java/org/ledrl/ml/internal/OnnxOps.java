package org.ledrl.ml.internal;

import ai.onnx.proto.OnnxMl;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

/** ONNX operators the actor needs that Tribuo's {@link ONNXOperators} lacks; same opset as Tribuo's. */
enum OnnxOps implements ONNXOperator {
    LOG("Log", 1, Map.of()),
    MATMUL("MatMul", 2, Map.of()),
    RELU("Relu", 1, Map.of()),
    RESHAPE("Reshape", 2, Map.of()),
    TRANSPOSE("Transpose", 1, Map.of("perm", new ONNXAttribute("perm", OnnxMl.AttributeProto.AttributeType.INTS,
            false)));

    private final String opName;
    private final int inputs;
    private final Map<String, ONNXAttribute> attributes;

    OnnxOps(String opName, int inputs, Map<String, ONNXAttribute> attributes) {
        this.opName = opName;
        this.inputs = inputs;
        this.attributes = attributes;
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return 0;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Set.of();
    }

    @Override
    public int getOpVersion() {
        return ONNXOperators.getOpsetVersion();
    }

    @Override
    public String getOpDomain() {
        return ONNXOperators.ADD.getOpDomain();
    }
}
