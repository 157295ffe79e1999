package org.ledrl.api.model;

/** A prior's opinion of one candidate node: preference in [0,1] and whether to avoid it outright. */
public record NodePreference(int node, double preference, boolean avoid) {

    public NodePreference {
        if (!(preference >= 0.0 && preference <= 1.0)) {
            throw new IllegalArgumentException("preference of node " + node + " must be in [0,1]: " + preference);
        }
    }
}
