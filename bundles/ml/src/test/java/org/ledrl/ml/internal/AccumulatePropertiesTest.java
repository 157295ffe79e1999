package org.ledrl.ml.internal;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link ActorForward#accumulate} takes its rows four at a time for speed; its result must be the same, bit for bit,
 * as adding one row at a time in row order, so that rollouts (and the models trained from them) are unchanged. Inputs
 * with zeros in any places and any count of non-zero rows (so every remainder of four), weights with negative zeros.
 */
class AccumulatePropertiesTest {

    @Property(tries = 300)
    void sameBitsAsOneRowAtATime(@ForAll @IntRange(min = 0, max = 70) int in,
                                 @ForAll @IntRange(min = 1, max = 70) int width,
                                 @ForAll @IntRange(min = 0, max = 100) int zeroPercent,
                                 @ForAll @IntRange(min = 0, max = 100_000) int seed) {
        Random random = new Random(seed);
        int at = random.nextInt(5);
        float[] x = new float[at + in + random.nextInt(3)];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(100) < zeroPercent ? 0f : (float) random.nextGaussian() * 3;
        }
        float[][] w = new float[in][width];
        for (float[] row : w) {
            for (int j = 0; j < width; j++) {
                row[j] = random.nextInt(20) == 0 ? -0f : (float) random.nextGaussian();
            }
        }
        float[] out = new float[width];
        for (int j = 0; j < width; j++) {
            out[j] = random.nextInt(4) == 0 ? 0f : (float) random.nextGaussian() * 10;
        }
        float[] expected = out.clone();
        for (int i = 0; i < in; i++) {
            float xi = x[at + i];
            if (xi != 0f) {
                for (int j = 0; j < width; j++) {
                    expected[j] += xi * w[i][j];
                }
            }
        }
        ActorForward.accumulate(x, at, in, w, out);
        for (int j = 0; j < width; j++) {
            if (Float.floatToRawIntBits(out[j]) != Float.floatToRawIntBits(expected[j])) {
                throw new AssertionError("out[" + j + "] = " + out[j] + ", one row at a time " + expected[j]
                        + " (in " + in + ", width " + width + ", zeros " + zeroPercent + "%)");
            }
        }
    }
}
