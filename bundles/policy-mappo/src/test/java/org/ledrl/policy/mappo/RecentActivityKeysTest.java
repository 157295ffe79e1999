package org.ledrl.policy.mappo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentActivityKeysTest {

    /** The bucket of {@code key} in a {@link HashMap} of {@code capacity} slots, as HashMap spreads its hash. */
    private static int bucket(long key, int capacity) {
        int h = Long.hashCode(key);
        return (h ^ (h >>> 16)) & (capacity - 1);
    }

    @Test
    void theOutcomeKeysOfTwentyAgentsAndNodesAreUniqueAndSpreadOverTheMapsBuckets() {
        Set<Long> keys = new HashSet<>();
        Map<Integer, Integer> perBucket = new HashMap<>();
        for (int agent = 0; agent < 20; agent++) {
            for (int node = 0; node < 20; node++) {
                long key = RecentActivity.pair(agent, node);
                keys.add(key);
                perBucket.merge(bucket(key, 1024), 1, Integer::sum); // 400 entries: a map of 1,024 slots
            }
        }
        assertEquals(400, keys.size());
        // packed without mixing, the 400 pairs fell on 32 buckets, 20 in the fullest (a map makes a tree of 8)
        assertTrue(perBucket.size() >= 300, "buckets used: " + perBucket.size());
        int fullest = perBucket.values().stream().max(Integer::compare).orElseThrow();
        assertTrue(fullest < 8, "keys in the fullest bucket: " + fullest);
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
