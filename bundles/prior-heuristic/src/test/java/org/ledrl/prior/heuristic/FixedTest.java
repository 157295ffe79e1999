package org.ledrl.prior.heuristic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedTest {

    private static void assertSameAsTheFormatter(double value) {
        for (int decimals = 0; decimals <= 4; decimals++) {
            String expected = String.format(Locale.ROOT, "%." + decimals + "f", value);
            assertEquals(expected, Fixed.append(new StringBuilder(), value, decimals).toString(),
                    "value " + value + " (bits " + Long.toHexString(Double.doubleToRawLongBits(value)) + "), "
                            + decimals + " decimals");
        }
    }

    @Test
    void writesEdgeCasesAsTheFormatterDoes() {
        double[] values = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1.005, 1.015, 1.025, 2.675,
                0.045, 0.0449999, 9.995, 99.995, 0.001, -0.001, -0.004, -0.005, 1e-7, -1e-7, 4.9e-324, 1e15, 1.23e22,
                123456789.125, Double.MAX_VALUE, Double.MIN_NORMAL, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 1e-5, 3e-5, 5e-5};
        for (double value : values) {
            assertSameAsTheFormatter(value);
        }
    }

    @Test
    void writesRandomNumbersOfEveryScaleAsTheFormatterDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double scale = Math.pow(10, random.nextInt(-8, 12));
            double value = (random.nextDouble() - 0.3) * scale;
            assertSameAsTheFormatter(value);
            // values on a rounding boundary, as seconds and rates often are: k / 2000 and k / 200
            assertSameAsTheFormatter(random.nextInt(-100_000, 100_000) / 2000.0);
            assertSameAsTheFormatter(random.nextInt(-100_000, 100_000) / 200.0);
        }
    }
}
