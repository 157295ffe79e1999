package org.ledrl.ml;

import java.util.Arrays;

/**
 * The name and shape of a model input or output; a dimension of {@code -1} is free (usually the batch).
 */
public record TensorSpec(String name, long[] shape) {

    /** Whether a tensor of shape {@code actual} fits this spec (same rank, fixed dimensions equal). */
    public boolean accepts(long[] actual) {
        if (actual.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && shape[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
