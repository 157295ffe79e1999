package org.ledrl.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FirstDecisionsTest {

    @Test
    void keepsTheFirstFaultAmongTheFirstDecisionsOfItsBundleOnly() {
        FirstDecisions first = new FirstDecisions(42);
        first.record(null);
        first.record("policy 'p' threw X");
        first.record("policy 'p' answered null");
        assertEquals("policy 'p' threw X (decision 2 since it became active)", first.faultOf(42));
        assertNull(first.faultOf(41));
    }

    @Test
    void aFaultAfterTheWatchedDecisionsIsNotAnEarlyFault() {
        FirstDecisions first = new FirstDecisions(7);
        for (int i = 0; i < FirstDecisions.WATCHED; i++) {
            first.record(null);
        }
        first.record("policy 'p' threw X");
        assertNull(first.faultOf(7));
    }
}
