package org.ledrl.ml.internal;

import java.util.function.Function;
import org.ledrl.ml.NetworkSpec;

/**
 * The critic of {@link AttentionActorCritic} in plain Java (two ReLU layers and a linear output), from a copy of the
 * weights taken once per update, for the values a rollout records. Zero inputs (the padding of the encoded
 * observation in the critic's input) are skipped. Not thread-safe.
 */
final class CriticForward {

    private final int inputs;
    private final int h;
    private final float[][] w1;
    private final float[] b1;
    private final float[][] w2;
    private final float[] b2;
    private final float[] w3;
    private final float b3;
    private final float[] c1;
    private final float[] c2;

    CriticForward(NetworkSpec spec, Function<String, float[]> weights) {
        inputs = spec.criticInputs();
        h = spec.hidden();
        w1 = ActorForward.rows(weights.apply("critic1.w"), inputs);
        b1 = weights.apply("critic1.b");
        w2 = ActorForward.rows(weights.apply("critic2.w"), h);
        b2 = weights.apply("critic2.b");
        w3 = weights.apply("critic3.w");
        b3 = weights.apply("critic3.b")[0];
        c1 = new float[h];
        c2 = new float[h];
    }

    /** The values of rows {@code 0..batch)} of {@code criticInputs} ({@code batch x criticInputs}). */
    float[] values(float[] criticInputs, int batch) {
        float[] out = new float[batch];
        for (int row = 0; row < batch; row++) {
            System.arraycopy(b1, 0, c1, 0, h);
            layer(criticInputs, row * inputs, inputs, w1, c1);
            System.arraycopy(b2, 0, c2, 0, h);
            layer(c1, 0, h, w2, c2);
            float value = 0f;
            for (int j = 0; j < h; j++) {
                value += c2[j] * w3[j];
            }
            out[row] = value + b3;
        }
        return out;
    }

    /** {@code out += x[at..at+in) W} (zero inputs skipped), then ReLU. */
    private static void layer(float[] x, int at, int in, float[][] w, float[] out) {
        ActorForward.accumulate(x, at, in, w, out);
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.max(out[j], 0f);
        }
    }
}
