package org.ledrl.console.internal;

import java.util.Locale;
import org.owasp.encoder.Encode;

/**
 * The one place where the console page turns values into markup: every value shown goes through
 * {@link #text(Object)} (OWASP encoder, safe in element content and in quoted attributes, and well
 * formed inside inline SVG), and numbers are formatted the same way everywhere, with a dash for a
 * value there is nothing to measure for (NaN).
 */
final class Html {

    /** What a value with nothing to measure shows: an en dash. */
    static final String NONE = "&#8211;";

    private Html() {
    }

    /** {@code value} as text, escaped for element content and quoted attribute values. */
    static String text(Object value) {
        return Encode.forHtml(String.valueOf(value));
    }

    /** {@code value} with {@code decimals} decimals, or a dash for NaN and infinities. */
    static String number(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : NONE;
    }

    /** A rate in [0,1] as a percentage with one decimal, or a dash for NaN. */
    static String percent(double rate) {
        return Double.isFinite(rate) ? String.format(Locale.ROOT, "%.1f%%", 100 * rate) : NONE;
    }
}
