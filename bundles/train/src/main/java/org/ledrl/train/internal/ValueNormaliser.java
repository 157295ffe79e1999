package org.ledrl.train.internal;

import java.util.Properties;

/**
 * Running mean and variance of the critic's targets, so that the critic learns targets of unit scale whatever the
 * reward form and discount (the value normalisation of the MAPPO study, Yu et al. 2022): the critic predicts
 * normalised values, the trainer de-normalises them for the advantages and normalises the returns it trains on.
 * Statistics over every target seen (Chan et al.'s parallel update); off, it is the identity. Its state is part of
 * a checkpoint, bit for bit.
 */
final class ValueNormaliser {

    private static final double EPSILON = 1e-8;

    private final boolean on;
    private double count;
    private double mean;
    private double m2;

    ValueNormaliser(boolean on) {
        this.on = on;
    }

    /** Adds a batch of targets to the statistics. */
    void update(float[] targets) {
        if (!on || targets.length == 0) {
            return;
        }
        double batchMean = 0;
        for (float t : targets) {
            batchMean += t;
        }
        batchMean /= targets.length;
        double batchM2 = 0;
        for (float t : targets) {
            batchM2 += (t - batchMean) * (t - batchMean);
        }
        double n = targets.length;
        double total = count + n;
        double delta = batchMean - mean;
        mean += delta * n / total;
        m2 += batchM2 + delta * delta * count * n / total;
        count = total;
    }

    double mean() {
        return on ? mean : 0;
    }

    /** Standard deviation of the targets seen; 1 before any or when off. */
    double std() {
        return !on || count < 2 ? 1 : Math.sqrt(m2 / count + EPSILON);
    }

    float[] normalise(float[] raw) {
        float[] out = new float[raw.length];
        double m = mean();
        double s = std();
        for (int i = 0; i < raw.length; i++) {
            out[i] = (float) ((raw[i] - m) / s);
        }
        return out;
    }

    float[] denormalise(float[] normalised) {
        float[] out = new float[normalised.length];
        double m = mean();
        double s = std();
        for (int i = 0; i < normalised.length; i++) {
            out[i] = (float) (normalised[i] * s + m);
        }
        return out;
    }

    void save(Properties state) {
        state.setProperty("valueNorm.count", Double.toHexString(count));
        state.setProperty("valueNorm.mean", Double.toHexString(mean));
        state.setProperty("valueNorm.m2", Double.toHexString(m2));
    }

    void restore(Properties state) {
        count = Double.parseDouble(state.getProperty("valueNorm.count", "0"));
        mean = Double.parseDouble(state.getProperty("valueNorm.mean", "0"));
        m2 = Double.parseDouble(state.getProperty("valueNorm.m2", "0"));
    }
}
