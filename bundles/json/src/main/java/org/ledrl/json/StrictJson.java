package org.ledrl.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The reader for JSON that comes from outside: one value and nothing after it ({@code {...}x} and
 * {@code {...}{}} are refused), no key given twice. NaN and Infinity are refused as JSON refuses them.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** A new strict mapper; thread-safe once built, so keep one. */
    public static ObjectMapper mapper() {
        return builder().build();
    }

    /** The strict settings, for a reader that adds its own (e.g. reading NaN to report it by name). */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
