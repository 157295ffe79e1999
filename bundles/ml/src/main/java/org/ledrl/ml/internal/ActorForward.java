package org.ledrl.ml.internal;

import java.util.function.Function;
import org.ledrl.ml.NetworkSpec;

/**
 * The actor of {@link AttentionActorCritic} in plain Java, for rollouts and validation: the same computation as its
 * PyTorch forward (and the ONNX export), on one observation at a time, from a copy of the weights taken once per
 * update. It skips what cannot change the answer: padding tokens are never keys nor pooled, so only real tokens are
 * embedded and attend; the action head (most of the work) runs only on the tokens whose score is asked for, which for
 * probabilities are the allowed ones (a masked token's probability is 0). An observation with a few real candidates
 * among {@code maxNodes} then costs a few microseconds instead of a native call per batch.
 *
 * <p>Not thread-safe (scratch arrays are reused): one per driving thread, as {@link AttentionActorCritic}.
 */
final class ActorForward {

    private final NetworkSpec spec;
    private final int n;
    private final int features;
    private final int f;
    private final int d;
    private final int h;
    private final float scale;
    private final float[][] embedW;
    private final float[] embedB;
    private final float[][] priorW;
    private final float[] priorB;
    private final float[][] queryW;
    private final float[][] keyW;
    private final float[][] valueW;
    private final float[][] attendW;
    private final float[] attendB;
    private final float[][] head1Token;
    private final float[][] head1Pool;
    private final float[][] head1Prior;
    private final float[][] head1Input;
    private final float[] head1B;
    private final float[][] head2W;
    private final float[] head2B;
    private final float[] scoreW;
    private final float scoreB;
    private final float trustPreference;
    private final float trustAvoid;

    // scratch: up to 2N attending tokens (observation tokens, then prior tokens when aligned)
    private final int[] tokenOf;
    private final float[][] e;
    private final float[][] q;
    private final float[][] k;
    private final float[][] v;
    private final float[][] hidden;
    private final float[] attention;
    private final float[] attended;
    private final int[] slotOf;
    private final float[] pooled;
    private final float[] pooledHead;
    private final float[] z1;
    private final float[] z2;
    private final float[] rowScores;
    private final boolean[] wanted;

    /** @param weights the weights by name ({@link Parameters#shapes}), as flat row-major {@code [in, out]} arrays */
    ActorForward(NetworkSpec spec, Function<String, float[]> weights) {
        this.spec = spec;
        this.n = spec.maxNodes();
        this.features = spec.features();
        this.f = spec.observationFeatures();
        this.d = spec.embedding();
        this.h = spec.hidden();
        this.scale = (float) (1.0 / Math.sqrt(d));
        embedW = rows(weights.apply("embed.w"), f);
        embedB = weights.apply("embed.b");
        priorW = spec.aligned() ? rows(weights.apply("prior.w"), features - f) : null;
        priorB = spec.aligned() ? weights.apply("prior.b") : null;
        queryW = rows(weights.apply("query.w"), d);
        keyW = rows(weights.apply("key.w"), d);
        valueW = rows(weights.apply("value.w"), d);
        attendW = rows(weights.apply("attend.w"), d);
        attendB = weights.apply("attend.b");
        head1Token = rows(weights.apply("head1.token"), d);
        head1Pool = rows(weights.apply("head1.pool"), d);
        head1Prior = spec.aligned() ? rows(weights.apply("head1.prior"), d) : null;
        head1Input = rows(weights.apply("head1.input"), f);
        head1B = weights.apply("head1.b");
        head2W = rows(weights.apply("head2.w"), h);
        head2B = weights.apply("head2.b");
        scoreW = weights.apply("score.w");
        scoreB = weights.apply("score.b")[0];
        trustPreference = spec.residualPrior() ? weights.apply(Parameters.TRUST_PREFERENCE)[0] : 0f;
        trustAvoid = spec.residualPrior() ? weights.apply(Parameters.TRUST_AVOID)[0] : 0f;
        int tokens = spec.aligned() ? 2 * n : n;
        tokenOf = new int[tokens];
        slotOf = new int[n];
        e = new float[tokens][d];
        q = new float[tokens][d];
        k = new float[tokens][d];
        v = new float[tokens][d];
        hidden = new float[tokens][d];
        attention = new float[tokens];
        attended = new float[d];
        pooled = new float[d];
        pooledHead = new float[h];
        z1 = new float[h];
        z2 = new float[h];
        rowScores = new float[n];
        wanted = new boolean[n];
    }

    NetworkSpec spec() {
        return spec;
    }

    /** Masked scores of rows {@code 0..batch) into {@code out} ({@code batch x maxNodes}), as the PyTorch actor. */
    void scores(float[] observations, float[] masks, int batch, float[] out) {
        for (int row = 0; row < batch; row++) {
            java.util.Arrays.fill(wanted, true);
            score(observations, masks, row);
            System.arraycopy(rowScores, 0, out, row * n, n);
        }
    }

    /**
     * Action probabilities of rows {@code 0..batch)} into {@code out}: the softmax of the masked scores. Only allowed
     * tokens are scored (the others get exactly 0, as {@code exp(-1e9)} does); a row with none allowed is scored in
     * full, as the masked softmax then spreads over every token.
     */
    void probabilities(float[] observations, float[] masks, int batch, float[] out) {
        for (int row = 0; row < batch; row++) {
            boolean any = false;
            for (int t = 0; t < n; t++) {
                wanted[t] = masks[row * n + t] > 0;
                any |= wanted[t];
            }
            if (!any) {
                java.util.Arrays.fill(wanted, true);
            }
            score(observations, masks, row);
            float max = Float.NEGATIVE_INFINITY;
            for (int t = 0; t < n; t++) {
                if (wanted[t]) {
                    max = Math.max(max, rowScores[t]);
                }
            }
            float sum = 0;
            for (int t = 0; t < n; t++) {
                float p = wanted[t] ? (float) Math.exp(rowScores[t] - max) : 0f;
                out[row * n + t] = p;
                sum += p;
            }
            for (int t = 0; t < n; t++) {
                out[row * n + t] /= sum;
            }
        }
    }

    /** Scores of the wanted tokens of {@code row} into {@code rowScores}. */
    private void score(float[] observations, float[] masks, int row) {
        int base = row * n * features;
        // attending tokens: the real ones, and any wanted padding token (as a query only)
        int real = 0;
        for (int t = 0; t < n; t++) {
            slotOf[t] = -1;
            if (observations[base + t * features] != 0f) {
                slotOf[t] = real;
                tokenOf[real++] = t;
            }
        }
        int count = real;
        for (int t = 0; t < n; t++) {
            if (wanted[t] && slotOf[t] < 0) {
                slotOf[t] = count;
                tokenOf[count++] = t;
            }
        }
        int keys = spec.aligned() ? 2 * real : real;
        int queries = spec.aligned() ? 2 * count : count;
        for (int s = 0; s < count; s++) {
            int at = base + tokenOf[s] * features;
            affine(observations, at, f, embedW, embedB, e[s]);
            if (spec.aligned()) {
                affine(observations, at + f, features - f, priorW, priorB, e[priorSlot(s, real, count)]);
            }
        }
        for (int s = 0; s < queries; s++) {
            project(e[s], queryW, q[s]);
            project(e[s], keyW, k[s]);
            project(e[s], valueW, v[s]);
        }
        for (int s = 0; s < queries; s++) {
            attend(s, keys, real, count);
        }
        // mean of h over the real tokens (observation and prior ones), through the pool weights, plus the bias
        System.arraycopy(head1B, 0, pooledHead, 0, h);
        java.util.Arrays.fill(pooled, 0f);
        float share = 1f / keys;
        for (int s = 0; s < keys; s++) {
            int slot = keySlot(s, real, count);
            for (int j = 0; j < d; j++) {
                pooled[j] += share * hidden[slot][j];
            }
        }
        accumulate(pooled, 0, d, head1Pool, pooledHead);
        for (int t = 0; t < n; t++) {
            if (!wanted[t]) {
                rowScores[t] = Float.NEGATIVE_INFINITY;
                continue;
            }
            int s = slotOf[t];
            int at = base + t * features;
            System.arraycopy(pooledHead, 0, z1, 0, h);
            accumulate(hidden[s], 0, d, head1Token, z1);
            accumulate(observations, at, f, head1Input, z1);
            if (spec.aligned()) {
                accumulate(hidden[priorSlot(s, real, count)], 0, d, head1Prior, z1);
            }
            relu(z1);
            System.arraycopy(head2B, 0, z2, 0, h);
            accumulate(z1, 0, h, head2W, z2);
            relu(z2);
            float score = 0f;
            for (int j = 0; j < h; j++) {
                score += z2[j] * scoreW[j];
            }
            score += scoreB;
            if (spec.residualPrior()) {
                float preference = observations[at + f + NetworkSpec.PRIOR_PREFERENCE];
                float avoid = observations[at + f + NetworkSpec.PRIOR_AVOID];
                score += (float) Math.log(Math.max(preference, 0f) + AttentionActorCritic.PREFERENCE_EPSILON)
                        * trustPreference;
                score -= avoid * AttentionActorCritic.AVOID_SCALE * trustAvoid;
            }
            rowScores[t] = score + (masks[row * n + t] - 1f) * AttentionActorCritic.MASK_PENALTY;
        }
    }

    /** Slot of attending token {@code s}'s prior token: prior tokens follow all {@code count} observation tokens. */
    private static int priorSlot(int s, int real, int count) {
        return count + s;
    }

    /** Slot of key {@code s}: the real observation tokens, then (aligned) their prior tokens. */
    private static int keySlot(int s, int real, int count) {
        return s < real ? s : count + (s - real);
    }

    /** Self-attention of query slot {@code s} over the {@code keys} real tokens, and its residual into hidden. */
    private void attend(int s, int keys, int real, int count) {
        float max = Float.NEGATIVE_INFINITY;
        for (int m = 0; m < keys; m++) {
            int slot = keySlot(m, real, count);
            float dot = 0f;
            for (int j = 0; j < d; j++) {
                dot += q[s][j] * k[slot][j];
            }
            attention[m] = dot * scale;
            max = Math.max(max, attention[m]);
        }
        float sum = 0f;
        for (int m = 0; m < keys; m++) {
            attention[m] = (float) Math.exp(attention[m] - max);
            sum += attention[m];
        }
        java.util.Arrays.fill(attended, 0f);
        for (int m = 0; m < keys; m++) {
            int slot = keySlot(m, real, count);
            float w = attention[m] / sum;
            for (int j = 0; j < d; j++) {
                attended[j] += w * v[slot][j];
            }
        }
        for (int j = 0; j < d; j++) {
            hidden[s][j] = e[s][j] + attendB[j];
        }
        accumulate(attended, 0, d, attendW, hidden[s]);
    }

    /** {@code out = x[at..at+in) W + b}. */
    private static void affine(float[] x, int at, int in, float[][] w, float[] b, float[] out) {
        System.arraycopy(b, 0, out, 0, out.length);
        accumulate(x, at, in, w, out);
    }

    /** {@code out = x W} for a square matrix. */
    private static void project(float[] x, float[][] w, float[] out) {
        java.util.Arrays.fill(out, 0f);
        accumulate(x, 0, x.length, w, out);
    }

    /**
     * {@code out += x[at..at+in) W}, {@code W} held as its {@code in} rows (zero inputs skipped: padding, and the
     * zeros of a ReLU). The inner loops run over rows and {@code out} from index 0, which the JIT turns into vector
     * instructions. The rows of non-zero inputs are taken four at a time, so that {@code out} is loaded and stored
     * once per four rows instead of once per row (1.5 to 1.9 times faster at 64 wide, where the loop is too short
     * for the vector code to hide that traffic); each {@code out[j]} still gets the products added one by one in row
     * order, so the result is the same, bit for bit, as adding one row at a time.
     */
    static void accumulate(float[] x, int at, int in, float[][] w, float[] out) {
        int width = out.length;
        int pending = 0;
        float x0 = 0f;
        float x1 = 0f;
        float x2 = 0f;
        float[] r0 = null;
        float[] r1 = null;
        float[] r2 = null;
        for (int i = 0; i < in; i++) {
            float xi = x[at + i];
            if (xi == 0f) {
                continue;
            }
            float[] ri = w[i];
            switch (pending++) {
                case 0 -> {
                    x0 = xi;
                    r0 = ri;
                }
                case 1 -> {
                    x1 = xi;
                    r1 = ri;
                }
                case 2 -> {
                    x2 = xi;
                    r2 = ri;
                }
                default -> {
                    for (int j = 0; j < width; j++) {
                        float o = out[j];
                        o += x0 * r0[j];
                        o += x1 * r1[j];
                        o += x2 * r2[j];
                        o += xi * ri[j];
                        out[j] = o;
                    }
                    pending = 0;
                }
            }
        }
        if (pending > 0) {
            addRow(x0, r0, out);
        }
        if (pending > 1) {
            addRow(x1, r1, out);
        }
        if (pending > 2) {
            addRow(x2, r2, out);
        }
    }

    private static void addRow(float xi, float[] row, float[] out) {
        for (int j = 0; j < out.length; j++) {
            out[j] += xi * row[j];
        }
    }

    /** The rows of a row-major {@code [in, out]} matrix. */
    static float[][] rows(float[] flat, int in) {
        int width = flat.length / in;
        float[][] rows = new float[in][];
        for (int i = 0; i < in; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return rows;
    }

    private static void relu(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.max(values[i], 0f);
        }
    }
}
