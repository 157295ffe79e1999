package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueNormaliserTest {

    @Test
    void runningStatisticsMatchADirectComputation() {
        Random random = new Random(3);
        ValueNormaliser values = new ValueNormaliser(true);
        float[] all = new float[1000];
        for (int batch = 0; batch < 10; batch++) {
            float[] targets = new float[100];
            for (int i = 0; i < 100; i++) {
                targets[i] = (float) (5 + 3 * random.nextGaussian());
                all[batch * 100 + i] = targets[i];
            }
            values.update(targets);
        }
        double mean = 0;
        for (float v : all) {
            mean += v;
        }
        mean /= all.length;
        double var = 0;
        for (float v : all) {
            var += (v - mean) * (v - mean);
        }
        assertEquals(mean, values.mean(), 1e-9);
        assertEquals(Math.sqrt(var / all.length), values.std(), 1e-6);
    }

    @Test
    void deNormalisedPredictionsEqualRawOnes() {
        ValueNormaliser values = new ValueNormaliser(true);
        values.update(new float[] {1f, 7f, -3f, 10f});
        float[] raw = {2.5f, -4f, 0f};
        assertArrayEquals(raw, values.denormalise(values.normalise(raw)), 1e-5f);
        float[] normalised = values.normalise(new float[] {(float) values.mean()});
        assertEquals(0f, normalised[0], 1e-6f);
    }

    @Test
    void offItIsTheIdentity() {
        ValueNormaliser values = new ValueNormaliser(false);
        values.update(new float[] {100f, 200f});
        assertArrayEquals(new float[] {3f, -2f}, values.normalise(new float[] {3f, -2f}));
    }

    @Test
    void aCheckpointRestoresItBitForBit() {
        ValueNormaliser values = new ValueNormaliser(true);
        values.update(new float[] {0.1f, 0.7f, 0.3f});
        Properties state = new Properties();
        values.save(state);
        ValueNormaliser restored = new ValueNormaliser(true);
        restored.restore(state);
        assertEquals(Double.doubleToLongBits(values.mean()), Double.doubleToLongBits(restored.mean()));
        assertEquals(Double.doubleToLongBits(values.std()), Double.doubleToLongBits(restored.std()));
    }
}
