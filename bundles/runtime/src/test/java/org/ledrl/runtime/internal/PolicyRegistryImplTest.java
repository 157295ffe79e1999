package org.ledrl.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ledrl.runtime.internal.Fixtures.answering;
import static org.ledrl.runtime.internal.Fixtures.properties;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.policy.OffloadingPolicy;

class PolicyRegistryImplTest {

    private final PolicyRegistryImpl registry = new PolicyRegistryImpl();

    @Test
    void listsEachInstalledNameOnceSorted() {
        registry.addPolicy(answering("ratc", 0), properties("ratc", 0, 1));
        registry.addPolicy(answering("greedy", 0), properties("greedy", 0, 2));
        registry.addPolicy(answering("ratc", 0), properties("ratc", 10, 3));

        assertEquals(List.of("greedy", "ratc"), registry.names());
    }

    @Test
    void findsTheBestRankedServiceOfAName() {
        OffloadingPolicy plain = answering("mappo", 0);
        OffloadingPolicy tuned = answering("mappo", 0);
        registry.addPolicy(plain, properties("mappo", 0, 1));
        registry.addPolicy(tuned, properties("mappo", 10, 2));

        assertSame(tuned, registry.find("mappo").orElseThrow());

        registry.removePolicy(tuned, properties("mappo", 10, 2));
        assertSame(plain, registry.find("mappo").orElseThrow());

        registry.removePolicy(plain, properties("mappo", 0, 1));
        assertTrue(registry.find("mappo").isEmpty());
        assertEquals(List.of(), registry.names());
    }
}
