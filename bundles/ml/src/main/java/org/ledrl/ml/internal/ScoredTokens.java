package org.ledrl.ml.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Which tokens of a batch the actor's head scores in an update: the allowed ones (a masked token's probability is 0
 * whatever its score), or every token of a row that allows none (its masked softmax then spreads over all of them,
 * as in inference). Most tokens at 20 nodes are padding or masked, and the head is most of the actor's work.
 *
 * @param token  {@code [R]} flat index {@code b * T + t} of each scored token
 * @param row    {@code [R]} its row {@code b}
 * @param layout {@code [B * T]} where each token's score is found in the {@code R} scores followed by one masked
 *               score ({@code R} for tokens not scored)
 */
record ScoredTokens(NDArray token, NDArray row, NDArray layout, int count) {

    static ScoredTokens of(NDManager manager, float[] masks, int batch, int tokens) {
        long[] token = new long[batch * tokens];
        long[] row = new long[batch * tokens];
        long[] layout = new long[batch * tokens];
        int count = 0;
        for (int b = 0; b < batch; b++) {
            boolean any = false;
            for (int t = 0; t < tokens; t++) {
                any |= masks[b * tokens + t] > 0;
            }
            for (int t = 0; t < tokens; t++) {
                int at = b * tokens + t;
                if (!any || masks[at] > 0) {
                    token[count] = at;
                    row[count] = b;
                    layout[at] = count++;
                } else {
                    layout[at] = -1;
                }
            }
        }
        for (int i = 0; i < layout.length; i++) {
            if (layout[i] < 0) {
                layout[i] = count;
            }
        }
        return new ScoredTokens(manager.create(java.util.Arrays.copyOf(token, count)),
                manager.create(java.util.Arrays.copyOf(row, count)), manager.create(layout, new Shape(layout.length)),
                count);
    }

    /** Rows {@code index} of {@code values} ({@code [M, width]}): {@code [R, width]}. */
    static NDArray rows(NDArray values, NDArray index, int count) {
        long width = values.getShape().get(1);
        return values.gather(index.reshape(count, 1).broadcast(count, width), 0);
    }
}
