package org.ledrl.policy.mappo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentActivityKeysTest {

    @Test
    void theOutcomeKeysOfTwentyAgentsAndNodesAreUniqueAndSpreadOverTheTable() {
        Set<Long> keys = new HashSet<>();
        PairHistories table = new PairHistories(RecentActivity.MAX_PAIRS);
        for (int agent = 0; agent < 20; agent++) {
            for (int node = 0; node < 20; node++) {
                long key = RecentActivity.pair(agent, node);
                keys.add(key);
                assertTrue(table.findOrAdd(key) >= 0);
            }
        }
        assertEquals(400, keys.size());
        assertEquals(1024, table.slots()); // 400 pairs, at most half full
        // packed without mixing, the 400 pairs' top bits are the agent's alone: 20 home slots, probes of hundreds
        Set<Integer> homes = new HashSet<>();
        int longestProbe = 0;
        for (long key : keys) {
            homes.add(table.home(key));
            longestProbe = Math.max(longestProbe, (table.find(key) - table.home(key)) & (table.slots() - 1));
        }
        assertTrue(homes.size() >= 300, "home slots used: " + homes.size());
        assertTrue(longestProbe < 12, "longest probe: " + longestProbe);
    }

    @Test
    void keysStayUniqueAcrossTheWholeRangeOfIds() {
        Set<Long> keys = new HashSet<>();
        int[] ids = {0, 1, 2, 255, 256, 4_095, 65_535, 65_536, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};
        for (int agent : ids) {
            for (int node : ids) {
                keys.add(RecentActivity.pair(agent, node));
            }
        }
        assertEquals(ids.length * ids.length, keys.size());
    }
}
