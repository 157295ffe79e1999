package org.ledrl.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiTokenTest {

    private static final String TOKEN = "0123456789abcdef-token";

    @Test
    void withoutATokenEverythingIsRefusedWithHowToSetOne() {
        ApiToken none = new ApiToken("", "Set it in conf/x.cfg.");
        ApiToken.Verdict verdict = none.check("Bearer anything-at-all-here");
        assertFalse(verdict.allowed());
        assertEquals(503, verdict.status());
        assertTrue(verdict.message().endsWith("Set it in conf/x.cfg."), verdict.message());
    }

    @Test
    void onlyTheExactBearerTokenPasses() {
        ApiToken token = new ApiToken(TOKEN, "");
        assertTrue(token.check("Bearer " + TOKEN).allowed());
        assertTrue(token.check("bearer " + TOKEN).allowed(), "the scheme is case-insensitive");
        assertEquals(401, token.check(null).status());
        assertEquals(401, token.check("Basic " + TOKEN).status());
        assertEquals(401, token.check("Bearer " + TOKEN + "x").status());
        assertEquals(401, token.check("Bearer " + TOKEN.substring(1)).status());
    }

    @Test
    void shortTokensAreRefusedAsConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new ApiToken("short", ""));
    }
}
