package org.ledrl.console.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noPasswordAnywhereAcceptsNothing() {
        Credentials c = Credentials.choose("admin", "", Map.<String, String>of()::get);
        assertFalse(c.passwordSet());
        assertFalse(c.acceptsHeader(basic("admin:")));
        assertFalse(c.acceptsHeader(basic("admin:admin")));
    }

    @Test
    void configuredPasswordIsChecked() {
        Credentials c = Credentials.choose("admin", "s3cret", Map.<String, String>of()::get);
        assertTrue(c.acceptsHeader(basic("admin:s3cret")));
        assertTrue(c.acceptsHeader("basic " + basic("admin:s3cret").substring(6)));
        assertFalse(c.acceptsHeader(basic("admin:s3cre")));
        assertFalse(c.acceptsHeader(basic("root:s3cret")));
        assertFalse(c.acceptsHeader(basic("admins3cret")));
        assertFalse(c.acceptsHeader("Bearer abc"));
        assertFalse(c.acceptsHeader("Basic %%%not-base64"));
        assertFalse(c.acceptsHeader(null));
    }

    @Test
    void passwordMayContainColons() {
        Credentials c = Credentials.choose("ops", "a:b:c", Map.<String, String>of()::get);
        assertTrue(c.acceptsHeader(basic("ops:a:b:c")));
    }

    @Test
    void environmentWinsOverConfiguration() {
        Credentials c = Credentials.choose("admin", "fromfile",
                Map.of(Credentials.ENVIRONMENT_VARIABLE, "fromenv")::get);
        assertTrue(c.acceptsHeader(basic("admin:fromenv")));
        assertFalse(c.acceptsHeader(basic("admin:fromfile")));
        assertTrue(c.source().contains(Credentials.ENVIRONMENT_VARIABLE));
    }

    @Test
    void emptyEnvironmentVariableFallsBackToConfiguration() {
        Credentials c = Credentials.choose("admin", "fromfile", Map.of(Credentials.ENVIRONMENT_VARIABLE, "")::get);
        assertTrue(c.acceptsHeader(basic("admin:fromfile")));
    }

    @Test
    void toStringNeverShowsThePassword() {
        Credentials c = Credentials.choose("admin", "hunter2", Map.<String, String>of()::get);
        assertFalse(c.toString().contains("hunter2"));
        assertEquals("admin", c.username());
    }

    /** The PBKDF2-HMAC-SHA256 test vectors for P = "password", S = "salt", 32 bytes (c = 1 and c = 4096). */
    private static final String VECTOR_1 = "pbkdf2-sha256$1$c2FsdA$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs";
    private static final String VECTOR_4096 = "pbkdf2-sha256$4096$c2FsdA==$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o";

    @Test
    void aHashedPasswordIsCheckedAgainstTheStandardTestVectors() {
        Credentials c = Credentials.choose("admin", VECTOR_1, Map.<String, String>of()::get);
        assertTrue(c.passwordSet());
        assertTrue(c.hashed());
        assertTrue(c.acceptsHeader(basic("admin:password")));
        assertTrue(c.acceptsHeader(basic("admin:password")), "again, from the cache of the last login");
        assertFalse(c.acceptsHeader(basic("admin:Password")));
        assertFalse(c.acceptsHeader(basic("root:password")));
        assertFalse(c.acceptsHeader(basic("admin:" + VECTOR_1)), "the hash itself is not the password");

        Credentials slow = Credentials.choose("admin", VECTOR_4096, Map.<String, String>of()::get);
        assertTrue(slow.acceptsHeader(basic("admin:password")));
        assertFalse(slow.acceptsHeader(basic("admin:passwore")));
        assertFalse(slow.toString().contains("c2FsdA"));
    }

    @Test
    void aMalformedHashRefusesEveryRequestAndSaysWhy() {
        for (String bad : new String[] {"pbkdf2-sha256$1$c2FsdA", "pbkdf2-sha256$x$c2FsdA$AAAA",
                "pbkdf2-sha256$0$c2FsdA$AAAA", "pbkdf2-sha256$1$!!$AAAA", "pbkdf2-sha256$1$$AAAA"}) {
            Credentials c = Credentials.choose("admin", bad, Map.<String, String>of()::get);
            assertFalse(c.passwordSet(), bad);
            assertFalse(c.acceptsHeader(basic("admin:" + bad)), bad);
            assertTrue(c.problem().startsWith("the hashed password from the configuration"), c.problem());
        }
        assertEquals("the hashed password from the configuration org.ledrl.console.security is malformed: the "
                + "iteration count 'x' is not a whole number; set it again with bin/ledrl passwd",
                Credentials.choose("admin", "pbkdf2-sha256$x$c2FsdA$AAAA", Map.<String, String>of()::get).problem());
    }
}
