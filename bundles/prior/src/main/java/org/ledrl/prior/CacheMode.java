package org.ledrl.prior;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a provider uses its {@link AnswerCache}. */
public enum CacheMode {
    /** Always ask the server; store nothing. */
    OFF,
    /** Always ask the server and store every answer: the run to replay later. */
    RECORD,
    /** Never ask the server: answer from the cache, a prompt it lacks is {@link RejectionReason#NOT_RECORDED}. */
    REPLAY,
    /** Answer from the cache where it can, ask the server and store the answer where it cannot. */
    AUTO;

    /** Parses a configuration value, case-insensitively; the error names the value and the choices. */
    public static CacheMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cache mode '" + value + "' is not one of "
                    + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
