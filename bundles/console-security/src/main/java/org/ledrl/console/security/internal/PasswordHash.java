package org.ledrl.console.security.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored Web Console password in the form {@code bin/ledrl passwd} writes:
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, salt and hash in Base64, hashed with the JDK's
 * PBKDF2WithHmacSHA256.
 */
record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    static final String PREFIX = "pbkdf2-sha256$";

    static boolean looksHashed(String stored) {
        return stored.startsWith(PREFIX);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with a value that starts like a hash but is not one
     */
    static PasswordHash parse(String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("a hashed password has four parts, pbkdf2-sha256$<iterations>$<salt>"
                    + "$<hash>; this one has " + parts.length);
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count '" + parts[1] + "' is not a whole number");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("the iteration count must be at least 1, not " + iterations);
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length == 0 || hash.length == 0) {
                throw new IllegalArgumentException("the salt and the hash must not be empty");
            }
            return new PasswordHash(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the salt")) {
                throw e;
            }
            throw new IllegalArgumentException("the salt or the hash is not Base64");
        }
    }

    /** Whether {@code password} hashes to this hash; compared in constant time. */
    boolean matches(byte[] password) {
        char[] chars = new String(password, java.nio.charset.StandardCharsets.UTF_8).toCharArray();
        try {
            PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, hash.length * 8);
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return MessageDigest.isEqual(derived, hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA256", e);
        }
    }
}
