package org.ledrl.ml.internal;

import java.nio.file.Path;
import java.util.Random;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.NetworkSpec;

/** Random but well-formed actor inputs, and the runtime the tests share (one DJL cache for every build). */
final class TestData {

    static final MlRuntime RUNTIME = new StandaloneRuntime(
            Path.of(System.getProperty("DJL_CACHE_DIR", System.getProperty("user.home") + "/.djl.ai")), 1);

    final float[] observations;
    final float[] masks;

    /** {@code batch} observations: each has 1..maxNodes real tokens (feature 0 = 1), the rest zero padding. */
    TestData(NetworkSpec spec, int batch, long seed) {
        Random random = new Random(seed);
        int n = spec.maxNodes();
        int f = spec.features();
        observations = new float[batch * n * f];
        masks = new float[batch * n];
        for (int b = 0; b < batch; b++) {
            int present = 1 + random.nextInt(n);
            for (int t = 0; t < present; t++) {
                int base = (b * n + t) * f;
                observations[base] = 1f;
                for (int j = 1; j < f; j++) {
                    observations[base + j] = (float) random.nextGaussian();
                }
                masks[b * n + t] = t == 0 || random.nextDouble() < 0.7 ? 1f : 0f;
            }
        }
    }
}
