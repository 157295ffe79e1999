package org.ledrl.ml.internal;

import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ledrl.ml.NetworkSpec;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Builds the actor of {@link AttentionActorCritic} as an ONNX graph with Tribuo's graph builder, operation for
 * operation. Graph inputs are 2-D ({@code observation [batch, N*F]}, {@code mask [batch, N]}); the graph reshapes
 * the observation into tokens itself. Output {@code scores [batch, N]}. For the alignment actor the prior values are
 * the tail of each token, so the inputs are the same two tensors.
 */
final class ActorOnnxExport {

    static final String OBSERVATION = "observation";
    static final String MASK = "mask";
    static final String SCORES = "scores";

    private ActorOnnxExport() {
    }

    /** The ONNX model bytes for {@code spec} with the weights {@code weights} gives by name. */
    static byte[] export(NetworkSpec spec, Function<String, float[]> weights) {
        int n = spec.maxNodes();
        int f = spec.features();
        ONNXContext ctx = new ONNXContext();
        ctx.setName(spec.aligned() ? "ledrl-alignment-actor" : "ledrl-mappo-actor");
        Map<String, Shape> shapes = Parameters.shapes(spec);
        Function<String, ONNXInitializer> w = name -> {
            Shape shape = shapes.get(name);
            List<Integer> dims = new ArrayList<>();
            for (long d : shape.getShape()) {
                dims.add((int) d);
            }
            float[] values = weights.apply(name);
            return ctx.floatTensor(name, dims, buffer -> buffer.put(values));
        };
        ONNXInitializer one = ctx.constant("one", 1f);
        ONNXInitializer penalty = ctx.constant("mask_penalty", AttentionActorCritic.MASK_PENALTY);
        ONNXPlaceholder observation = ctx.floatInput(OBSERVATION, n * f);
        ONNXPlaceholder mask = ctx.floatInput(MASK, n);
        ONNXRef<?> tokens = observation.apply(OnnxOps.RESHAPE, ctx.array("tokens_shape", new long[] {-1, n, f}));
        int fo = spec.observationFeatures();
        // Slices as multiplications by 0/1 selector matrices: exact, and no Slice operator needed.
        ONNXRef<?> x = spec.aligned() ? tokens.apply(OnnxOps.MATMUL, selector(ctx, "select_observation", f, 0, fo))
                : tokens;
        ONNXRef<?> presentRow = x.apply(OnnxOps.MATMUL, selector(ctx, "select_present", fo, 0, 1))
                .apply(OnnxOps.RESHAPE, ctx.array("row_shape", new long[] {-1, 1, n}));
        ONNXRef<?> e = x.apply(OnnxOps.MATMUL, w.apply("embed.w")).apply(ONNXOperators.ADD, w.apply("embed.b"));
        ONNXRef<?> keysPresent = presentRow;
        int t = n;
        if (spec.aligned()) {
            ONNXRef<?> prior = tokens.apply(OnnxOps.MATMUL, selector(ctx, "select_prior", f, fo, spec.priorFeatures()));
            ONNXRef<?> priorTokens = prior.apply(OnnxOps.MATMUL, w.apply("prior.w"))
                    .apply(ONNXOperators.ADD, w.apply("prior.b"));
            e = e.apply(ONNXOperators.CONCAT, priorTokens, Map.of("axis", 1));
            keysPresent = presentRow.apply(ONNXOperators.CONCAT, presentRow, Map.of("axis", 2));
            t = 2 * n;
        }
        ONNXRef<?> q = e.apply(OnnxOps.MATMUL, w.apply("query.w"));
        ONNXRef<?> k = e.apply(OnnxOps.MATMUL, w.apply("key.w"));
        ONNXRef<?> v = e.apply(OnnxOps.MATMUL, w.apply("value.w"));
        ONNXRef<?> keyBias = keysPresent.apply(ONNXOperators.SUB, one).apply(ONNXOperators.MUL, penalty);
        ONNXRef<?> kT = k.apply(OnnxOps.TRANSPOSE, Map.of("perm", new int[] {0, 2, 1}));
        ONNXRef<?> logits = q.apply(OnnxOps.MATMUL, kT).apply(ONNXOperators.MUL,
                ctx.constant("inv_sqrt_d", (float) (1.0 / Math.sqrt(spec.embedding()))));
        ONNXRef<?> attended = logits.apply(ONNXOperators.ADD, keyBias)
                .apply(ONNXOperators.SOFTMAX, Map.of("axis", -1)).apply(OnnxOps.MATMUL, v);
        ONNXRef<?> update = attended.apply(OnnxOps.MATMUL, w.apply("attend.w"))
                .apply(ONNXOperators.ADD, w.apply("attend.b"));
        ONNXRef<?> h = e.apply(ONNXOperators.ADD, update);
        float[] ones = new float[t];
        java.util.Arrays.fill(ones, 1f);
        ONNXInitializer sumTokens = ctx.floatTensor("sum_tokens", List.of(t, 1), buffer -> buffer.put(ones));
        ONNXRef<?> weightsRow = keysPresent.apply(ONNXOperators.DIV, keysPresent.apply(OnnxOps.MATMUL, sumTokens));
        ONNXRef<?> pooled = weightsRow.apply(OnnxOps.MATMUL, h);
        ONNXRef<?> hObservation = spec.aligned() ? tokenRows(ctx, "take_observation_tokens", n, 0).apply(OnnxOps.MATMUL, h)
                : h;
        ONNXRef<?> head = hObservation.apply(OnnxOps.MATMUL, w.apply("head1.token"))
                .apply(ONNXOperators.ADD, pooled.apply(OnnxOps.MATMUL, w.apply("head1.pool")))
                .apply(ONNXOperators.ADD, x.apply(OnnxOps.MATMUL, w.apply("head1.input")))
                .apply(ONNXOperators.ADD, w.apply("head1.b"));
        if (spec.aligned()) {
            head = head.apply(ONNXOperators.ADD, tokenRows(ctx, "take_prior_tokens", n, n).apply(OnnxOps.MATMUL, h)
                    .apply(OnnxOps.MATMUL, w.apply("head1.prior")));
        }
        ONNXRef<?> z1 = head.apply(OnnxOps.RELU);
        ONNXRef<?> z2 = z1.apply(OnnxOps.MATMUL, w.apply("head2.w")).apply(ONNXOperators.ADD, w.apply("head2.b"))
                .apply(OnnxOps.RELU);
        ONNXRef<?> scores = z2.apply(OnnxOps.MATMUL, w.apply("score.w"))
                .apply(OnnxOps.RESHAPE, ctx.array("scores_shape", new long[] {-1, n}))
                .apply(ONNXOperators.ADD, w.apply("score.b"));
        if (spec.residualPrior()) {
            int at = spec.observationFeatures();
            ONNXRef<?> preference = priorValue(ctx, tokens, "select_preference", f, at + NetworkSpec.PRIOR_PREFERENCE, n);
            ONNXRef<?> avoid = priorValue(ctx, tokens, "select_avoid", f, at + NetworkSpec.PRIOR_AVOID, n);
            ONNXRef<?> trusted = preference.apply(OnnxOps.RELU)
                    .apply(ONNXOperators.ADD, ctx.constant("preference_epsilon",
                            AttentionActorCritic.PREFERENCE_EPSILON))
                    .apply(OnnxOps.LOG).apply(ONNXOperators.MUL, w.apply(Parameters.TRUST_PREFERENCE));
            ONNXRef<?> avoided = avoid.apply(ONNXOperators.MUL, ctx.constant("avoid_scale",
                    AttentionActorCritic.AVOID_SCALE)).apply(ONNXOperators.MUL, w.apply(Parameters.TRUST_AVOID));
            scores = scores.apply(ONNXOperators.ADD, trusted).apply(ONNXOperators.SUB, avoided);
        }
        scores = scores.apply(ONNXOperators.ADD, mask.apply(ONNXOperators.SUB, one).apply(ONNXOperators.MUL, penalty));
        scores.assignTo(ctx.floatOutput(SCORES, n));

        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .setGraph(ctx.buildGraph())
                .setIrVersion(8)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .setProducerName("LeDRL Edge")
                .setModelVersion(1)
                .setDocString(spec.aligned() ? "LeDRL alignment actor (observation and prior tokens attend to each other): "
                        + "masked scores per candidate node" : "MAPPO attention actor: masked scores per candidate node")
                .build();
        return model.toByteArray();
    }

    /** Token value {@code index} of every token, {@code [batch, n]}. */
    private static ONNXRef<?> priorValue(ONNXContext ctx, ONNXRef<?> tokens, String name, int features, int index,
                                         int n) {
        return tokens.apply(OnnxOps.MATMUL, selector(ctx, name, features, index, 1))
                .apply(OnnxOps.RESHAPE, ctx.array(name + "_shape", new long[] {-1, n}));
    }

    /** {@code [from, count]}: multiplying tokens {@code [.., in]} by it keeps values {@code from..from+count-1}. */
    private static ONNXInitializer selector(ONNXContext ctx, String name, int in, int from, int count) {
        float[] values = new float[in * count];
        for (int j = 0; j < count; j++) {
            values[(from + j) * count + j] = 1f;
        }
        return ctx.floatTensor(name, List.of(in, count), buffer -> buffer.put(values));
    }

    /** {@code [n, 2n]}: multiplied in front of the {@code 2n} aligned tokens, keeps tokens {@code from..from+n-1}. */
    private static ONNXInitializer tokenRows(ONNXContext ctx, String name, int n, int from) {
        float[] values = new float[n * 2 * n];
        for (int i = 0; i < n; i++) {
            values[i * 2 * n + from + i] = 1f;
        }
        return ctx.floatTensor(name, List.of(n, 2 * n), buffer -> buffer.put(values));
    }
}
