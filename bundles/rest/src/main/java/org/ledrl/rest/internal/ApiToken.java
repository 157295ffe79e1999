package org.ledrl.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The operator's access token and the check of a request's {@code Authorization: Bearer} header.
 * There is no default token: without one, {@link #check} refuses everything and says how to set it.
 */
final class ApiToken {

    /** The outcome of a check: allowed, or the HTTP status and message to refuse with. */
    record Verdict(boolean allowed, int status, String message) {
        static final Verdict ALLOWED = new Verdict(true, 200, "");
    }

    /** Shorter tokens are refused as configuration: they can be guessed. */
    static final int MIN_LENGTH = 16;
    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final String howToSet;

    /**
     * @param token    the configured token, {@code ""} when none is set
     * @param howToSet the sentence telling the operator where to set it
     */
    ApiToken(String token, String howToSet) {
        if (!token.isEmpty() && token.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the token must have at least " + MIN_LENGTH + " characters");
        }
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
        this.howToSet = howToSet;
    }

    boolean isSet() {
        return token.length > 0;
    }

    Verdict check(String authorization) {
        if (!isSet()) {
            return new Verdict(false, 503, "The LeDRL REST API has no access token yet, so it refuses every request. "
                    + howToSet);
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new Verdict(false, 401, "Send the API token in the header 'Authorization: Bearer <token>'.");
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        // constant time: the comparison must not tell how much of a guess was right
        return MessageDigest.isEqual(given, token) ? Verdict.ALLOWED
                : new Verdict(false, 401, "The API token is wrong.");
    }
}
