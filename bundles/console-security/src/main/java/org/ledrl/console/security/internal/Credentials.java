package org.ledrl.console.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one account of the Web Console: a user name and the password the operator chose, or no
 * password at all (then every request is refused). The environment variable
 * {@value #ENVIRONMENT_VARIABLE} wins over the configuration, so that a deployment can set it
 * without writing it into a file. Either can hold the password or its salted hash
 * ({@link PasswordHash}, written by {@code bin/ledrl passwd}). {@link #toString()} never shows the password.
 */
final class Credentials {

    static final String ENVIRONMENT_VARIABLE = "LEDRL_CONSOLE_PASSWORD";

    private final String username;
    private final byte[] password; // plain text, or empty when hashed or not set
    private final PasswordHash hashed; // null unless the password is stored as a hash
    private final String source;
    private final String problem;
    /** SHA-256 of the last Authorization header accepted, so that a hash is derived once per login, not per request. */
    private volatile byte[] lastAccepted = new byte[0];

    private Credentials(String username, String stored, String source) {
        this.username = username;
        this.source = source;
        PasswordHash hash = null;
        String trouble = "";
        if (PasswordHash.looksHashed(stored)) {
            try {
                hash = PasswordHash.parse(stored);
            } catch (IllegalArgumentException e) {
                trouble = "the hashed password from " + source + " is malformed: " + e.getMessage()
                        + "; set it again with bin/ledrl passwd";
            }
            stored = "";
        }
        this.hashed = hash;
        this.problem = trouble;
        this.password = stored.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param configured  the password from the configuration, empty when none
     * @param environment looks up environment variables ({@code System::getenv} in production)
     */
    static Credentials choose(String username, String configured, Function<String, String> environment) {
        String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return new Credentials(username, fromEnvironment, "the environment variable " + ENVIRONMENT_VARIABLE);
        }
        if (configured != null && !configured.isEmpty()) {
            return new Credentials(username, configured, "the configuration " + ConsoleSecurityProvider.PID);
        }
        return new Credentials(username, "", "nowhere");
    }

    boolean passwordSet() {
        return password.length > 0 || hashed != null;
    }

    /** Whether the password is kept as a salted hash (else in plain text, or not set). */
    boolean hashed() {
        return hashed != null;
    }

    /** Why a configured password cannot be used (a malformed hash); empty when there is nothing to say. */
    String problem() {
        return problem;
    }

    /** Where the password came from, for the log; never the password itself. */
    String source() {
        return source;
    }

    String username() {
        return username;
    }

    /** Whether an {@code Authorization} header carries this account's name and password. */
    boolean acceptsHeader(String authorization) {
        if (!passwordSet()) {
            return false;
        }
        byte[] fingerprint = hashed == null ? null : sha256(authorization);
        if (hashed != null && MessageDigest.isEqual(fingerprint, lastAccepted)) {
            return true;
        }
        boolean accepted = basic(authorization)
                .map(pair -> {
                    int colon = pair.indexOf(':');
                    if (colon < 0) {
                        return false;
                    }
                    byte[] givenUser = pair.substring(0, colon).getBytes(StandardCharsets.UTF_8);
                    byte[] givenPassword = pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
                    // both compared, constant time, so that timing tells nothing about either
                    boolean userMatches = MessageDigest.isEqual(givenUser, username.getBytes(StandardCharsets.UTF_8));
                    boolean passwordMatches = hashed != null ? hashed.matches(givenPassword)
                            : MessageDigest.isEqual(givenPassword, password);
                    return userMatches & passwordMatches;
                })
                .orElse(false);
        if (accepted && hashed != null) {
            lastAccepted = fingerprint;
        }
        return accepted;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                    String.valueOf(text).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The decoded {@code user:password} of a Basic {@code Authorization} header. */
    private static Optional<String> basic(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.trim();
        if (header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.substring(6).trim());
            return Optional.of(new String(decoded, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password " + (passwordSet() ? (hashed() ? "hash" : "plain")
                + " set from " + source : "not set") + "]";
    }
}
