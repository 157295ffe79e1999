package org.ledrl.ml;

import java.util.Arrays;

/**
 * A dense float tensor in row-major order: the only data type that crosses the ML runtime's boundary.
 *
 * @param data  the values, row-major; its length is the product of {@code shape}
 * @param shape the dimensions, first the batch
 */
public record Tensor(float[] data, long[] shape) {

    public Tensor {
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor dimension must not be negative: " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs " + size
                    + " values, got " + data.length);
        }
    }

    /** A batch of {@code rows} rows of {@code columns} values. */
    public static Tensor matrix(float[] data, int rows, int columns) {
        return new Tensor(data, new long[] {rows, columns});
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
