package org.ledrl.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Link specs of {@code links}, including the degenerate ones the fuzz test found. */
class StaticLinkTest {

    @Test
    void aWellFormedLinkIsReadWithItsEndsInOrder() {
        assertEquals(new NetworkSettings.StaticLink(1, 3, 25, 4), NetworkSettings.StaticLink.parse("links", "3-1:25:4"));
    }

    @Test
    void degenerateSpecsAreRefusedWithTheFormNotAnIndexError() {
        for (String spec : new String[] {":", "-", "-:", ":25", "1-:25", "-2:25", "1-2:", "1-2-3:25", "", "::"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> NetworkSettings.StaticLink.parse("links", spec), spec);
            assertTrue(refused.getMessage().startsWith("links: link '" + spec.strip() + "'"), refused.getMessage());
        }
    }
}
