package org.ledrl.prior.heuristic;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A number with a fixed count of decimals, written exactly as {@code String.format(Locale.ROOT, "%.Nf", value)}
 * writes it, without parsing a format string at each call: a prior's rationale is written at every decision of a
 * fresh board, and {@code String.format} was a fifth of what such a decision cost. Like the formatter, it rounds
 * the shortest decimal that identifies the double ({@code Double.toString}'s digits) half up, and keeps the sign
 * of a negative number or zero that rounds to 0.
 */
final class Fixed {

    private Fixed() {
    }

    static StringBuilder append(StringBuilder out, double value, int decimals) {
        if (Double.isNaN(value)) {
            return out.append("NaN");
        }
        if (Double.compare(value, 0.0) < 0) {
            out.append('-');
        }
        double magnitude = Math.abs(value);
        if (Double.isInfinite(magnitude)) {
            return out.append("Infinity");
        }
        return out.append(new BigDecimal(Double.toString(magnitude)).setScale(decimals, RoundingMode.HALF_UP)
                .toPlainString());
    }
}
