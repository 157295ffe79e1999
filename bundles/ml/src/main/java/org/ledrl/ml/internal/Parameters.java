package org.ledrl.ml.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ledrl.ml.NetworkSpec;

/**
 * The weights of the actor and the critic, by name, with their Adam moments. Names are what the ONNX export and the
 * checkpoint file use. Weights of a matrix multiply are stored {@code [in, out]} ({@code y = x W + b}).
 */
final class Parameters {

    /** Learned trust in the prior's preference (residual bias on the scores); see {@link NetworkSpec#residualPrior}. */
    static final String TRUST_PREFERENCE = "trust.preference";
    /** Learned trust in the prior's avoid flag. */
    static final String TRUST_AVOID = "trust.avoid";
    /**
     * Initial trust: at episode 0 the scores are near zero, so the policy picks candidates in proportion to
     * {@code preference^2} and never one the prior avoids; training learns how far to keep trusting it.
     */
    private static final Map<String, Float> INITIAL_TRUST = Map.of(TRUST_PREFERENCE, 2f, TRUST_AVOID, 1f);

    private final Map<String, NDArray> values = new LinkedHashMap<>();
    /**
     * The native weights of each shard of an update step ({@link #shard}): shard 0's are {@link #values}, the others
     * are copies made on first use, so that shards running side by side gather their gradients apart.
     */
    private final List<Map<String, NDArray>> shards = new ArrayList<>(List.of(values));
    /** The weights as the host holds them (the native ones are written from these after each step). */
    private final Map<String, float[]> host = new LinkedHashMap<>();
    private final Map<String, float[]> firstMoments = new LinkedHashMap<>();
    private final Map<String, float[]> secondMoments = new LinkedHashMap<>();
    private final NDManager manager;
    private long adamSteps;

    private Parameters(NDManager manager) {
        this.manager = manager;
    }

    /** Layer shapes of the MAPPO networks for {@code spec}, in a fixed order. */
    static Map<String, Shape> shapes(NetworkSpec spec) {
        int f = spec.observationFeatures();
        int d = spec.embedding();
        int h = spec.hidden();
        int c = spec.criticInputs();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("embed.w", new Shape(f, d));
        shapes.put("embed.b", new Shape(d));
        if (spec.aligned()) {
            shapes.put("prior.w", new Shape(spec.priorFeatures(), d));
            shapes.put("prior.b", new Shape(d));
        }
        shapes.put("query.w", new Shape(d, d));
        shapes.put("key.w", new Shape(d, d));
        shapes.put("value.w", new Shape(d, d));
        shapes.put("attend.w", new Shape(d, d));
        shapes.put("attend.b", new Shape(d));
        shapes.put("head1.token", new Shape(d, h));
        shapes.put("head1.pool", new Shape(d, h));
        if (spec.aligned()) {
            shapes.put("head1.prior", new Shape(d, h));
        }
        shapes.put("head1.input", new Shape(f, h));
        shapes.put("head1.b", new Shape(h));
        shapes.put("head2.w", new Shape(h, h));
        shapes.put("head2.b", new Shape(h));
        shapes.put("score.w", new Shape(h, 1));
        shapes.put("score.b", new Shape(1));
        shapes.put("critic1.w", new Shape(c, h));
        shapes.put("critic1.b", new Shape(h));
        shapes.put("critic2.w", new Shape(h, h));
        shapes.put("critic2.b", new Shape(h));
        shapes.put("critic3.w", new Shape(h, 1));
        shapes.put("critic3.b", new Shape(1));
        if (spec.residualPrior()) {
            // last, so that a checkpoint from before them is this one's prefix
            shapes.put(TRUST_PREFERENCE, new Shape(1));
            shapes.put(TRUST_AVOID, new Shape(1));
        }
        return shapes;
    }

    /** Fresh weights: scaled uniform (Glorot) for matrices, zero biases, a small score layer (near-uniform policy). */
    static Parameters initialise(NDManager manager, NetworkSpec spec, long seed) {
        Random random = new Random(seed);
        Parameters p = new Parameters(manager);
        for (Map.Entry<String, Shape> e : shapes(spec).entrySet()) {
            Shape shape = e.getValue();
            float[] data = new float[(int) shape.size()];
            if (INITIAL_TRUST.containsKey(e.getKey())) {
                data[0] = INITIAL_TRUST.get(e.getKey());
            } else if (shape.dimension() == 2) {
                double limit = Math.sqrt(6.0 / (shape.get(0) + shape.get(1)));
                if (e.getKey().equals("score.w")) {
                    limit *= 0.01;
                }
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }
            p.add(e.getKey(), manager.create(data, shape), new float[data.length], new float[data.length]);
        }
        return p;
    }

    private void add(String name, NDArray value, float[] m, float[] v) {
        value.setRequiresGradient(true);
        values.put(name, value);
        host.put(name, value.toFloatArray());
        firstMoments.put(name, m);
        secondMoments.put(name, v);
    }

    NDArray get(String name) {
        return values.get(name);
    }

    Map<String, NDArray> all() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * The native weights that shard {@code index} of an update step computes with and leaves its gradients on; made
     * from the host's weights the first time. Call it before the shards run, from the updating thread.
     */
    Map<String, NDArray> shard(int index) {
        while (shards.size() <= index) {
            Map<String, NDArray> copy = new LinkedHashMap<>();
            values.forEach((name, value) -> {
                NDArray weights = manager.create(host.get(name), value.getShape());
                weights.setRequiresGradient(true);
                copy.put(name, weights);
            });
            shards.add(Collections.unmodifiableMap(copy));
        }
        return index == 0 ? all() : shards.get(index);
    }

    /** A copy of the weights {@code name}. */
    float[] floats(String name) {
        return host.get(name).clone();
    }

    /** Whether {@code name} is one of the critic's weights (they are clipped apart from the actor's). */
    static boolean isCritic(String name) {
        return name.startsWith("critic");
    }

    /**
     * One Adam step on the gradients the last backward passes left, summed over the first {@code shardCount} shards
     * in their order (so that the sum is the same whichever shard finished first), after scaling the actor's
     * gradients to a norm of at most {@code actorMaxNorm} and the critic's to at most {@code criticMaxNorm} (0: no
     * clip); then zeroes the gradients. The step itself runs on the host on its copy of the weights and moments (one
     * copy of each gradient out and of each weight back, instead of a dozen native calls per weight array), the
     * moments and the update in float, in the order of the formula; the new weights go to every shard's copy.
     *
     * @return the gradient norms of the actor and of the critic, before clipping
     */
    double[] adamStep(double learningRate, double actorMaxNorm, double criticMaxNorm, int shardCount) {
        Map<String, float[]> gradients = new LinkedHashMap<>();
        double actorSquares = 0;
        double criticSquares = 0;
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            float[] g = takeGradient(e.getValue());
            for (int s = 1; s < shardCount; s++) {
                float[] more = takeGradient(shards.get(s).get(e.getKey()));
                for (int i = 0; i < g.length; i++) {
                    g[i] += more[i];
                }
            }
            gradients.put(e.getKey(), g);
            double squares = 0;
            for (float x : g) {
                squares += (double) x * x;
            }
            if (isCritic(e.getKey())) {
                criticSquares += squares;
            } else {
                actorSquares += squares;
            }
        }
        double actorNorm = Math.sqrt(actorSquares);
        double criticNorm = Math.sqrt(criticSquares);
        float actorScale = (float) scale(actorNorm, actorMaxNorm);
        float criticScale = (float) scale(criticNorm, criticMaxNorm);
        adamSteps++;
        float beta1 = 0.9f;
        float beta2 = 0.999f;
        float correction1 = (float) (1 - Math.pow(beta1, adamSteps));
        float correction2 = (float) (1 - Math.pow(beta2, adamSteps));
        float rate = (float) learningRate;
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            String name = e.getKey();
            float[] g = gradients.get(name);
            float[] w = host.get(name);
            float[] m = firstMoments.get(name);
            float[] v = secondMoments.get(name);
            float scale = isCritic(name) ? criticScale : actorScale;
            for (int i = 0; i < w.length; i++) {
                float gi = g[i] * scale;
                m[i] = m[i] * beta1 + gi * (1 - beta1);
                v[i] = v[i] * beta2 + gi * gi * (1 - beta2);
                w[i] -= m[i] / correction1 / ((float) Math.sqrt(v[i] / correction2) + 1e-8f) * rate;
            }
            for (Map<String, NDArray> shard : shards) {
                shard.get(name).set(w);
            }
        }
        return new double[] {actorNorm, criticNorm};
    }

    /** The gradient on {@code weights}, copied out; the native one is zeroed for the next step. */
    private static float[] takeGradient(NDArray weights) {
        NDArray gradient = weights.getGradient();
        float[] g = gradient.toFloatArray();
        gradient.muli(0);
        return g;
    }

    private static double scale(double norm, double maxNorm) {
        return maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-6) : 1.0;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(adamSteps);
        out.writeInt(values.size());
        for (String name : values.keySet()) {
            out.writeUTF(name);
            writeFloats(out, host.get(name));
            writeFloats(out, firstMoments.get(name));
            writeFloats(out, secondMoments.get(name));
        }
    }

    /**
     * Reads what {@link #write} wrote. {@code withoutTrust}: a checkpoint from before the residual prior bias; its
     * trust weights start at 0, which is exactly the network it was trained as.
     */
    static Parameters read(DataInputStream in, NDManager manager, NetworkSpec spec, String source, boolean withoutTrust)
            throws IOException {
        Parameters p = new Parameters(manager);
        p.adamSteps = in.readLong();
        Map<String, Shape> shapes = shapes(spec);
        Map<String, Shape> missing = new LinkedHashMap<>();
        if (withoutTrust) {
            for (String trust : List.of(TRUST_PREFERENCE, TRUST_AVOID)) {
                if (shapes.containsKey(trust)) {
                    missing.put(trust, shapes.remove(trust));
                }
            }
        }
        int count = in.readInt();
        if (count != shapes.size()) {
            throw new IOException(source + ": holds " + count + " weight arrays, this network has " + shapes.size());
        }
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            String name = in.readUTF();
            if (!name.equals(e.getKey())) {
                throw new IOException(source + ": expected weights '" + e.getKey() + "', found '" + name + "'");
            }
            int size = (int) e.getValue().size();
            float[] value = readFloats(in, size, source, name);
            float[] m = readFloats(in, size, source, name);
            float[] v = readFloats(in, size, source, name);
            p.add(name, manager.create(value, e.getValue()), m, v);
        }
        // added last, in the order of shapes(spec), so that the next write is a current checkpoint
        missing.forEach((name, shape) -> p.add(name, manager.create(new float[1], shape), new float[1], new float[1]));
        return p;
    }

    private static void writeFloats(DataOutputStream out, float[] data) throws IOException {
        out.writeInt(data.length);
        for (float f : data) {
            out.writeFloat(f);
        }
    }

    private static float[] readFloats(DataInputStream in, int expected, String source, String name)
            throws IOException {
        int length = in.readInt();
        if (length != expected) {
            throw new IOException(source + ": weights '" + name + "' have " + length + " values, expected " + expected);
        }
        float[] data = new float[length];
        for (int i = 0; i < length; i++) {
            data[i] = in.readFloat();
        }
        return data;
    }
}
