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
}
