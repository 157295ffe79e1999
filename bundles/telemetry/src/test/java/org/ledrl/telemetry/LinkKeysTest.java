package org.ledrl.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkKeysTest {

    /** The bucket of {@code key} in a {@link HashMap} of {@code capacity} slots, as HashMap spreads its hash. */
    private static int bucket(long key, int capacity) {
        int h = Long.hashCode(key);
        return (h ^ (h >>> 16)) & (capacity - 1);
    }

    @Test
    void theLinksOfAFiftyNodeMeshHaveUniqueKeysSpreadOverTheMapsBuckets() {
        Set<Long> keys = new HashSet<>();
        Map<Integer, Integer> perBucket = new HashMap<>();
        for (int a = 0; a < 50; a++) {
            for (int b = a + 1; b < 50; b++) {
                long key = StatusBoard.linkKey(a, b);
                assertEquals(key, StatusBoard.linkKey(b, a), "link " + a + "-" + b + " has a key per direction");
                keys.add(key);
                perBucket.merge(bucket(key, 2048), 1, Integer::sum); // 1,225 links: a map of 2,048 slots
            }
        }
        assertEquals(1_225, keys.size());
        // packed without mixing, the 1,225 links fell on 63 buckets, 25 in the fullest (a map makes a tree of 8)
        assertTrue(perBucket.size() >= 800, "buckets used: " + perBucket.size());
        int fullest = perBucket.values().stream().max(Integer::compare).orElseThrow();
        assertTrue(fullest < 8, "keys in the fullest bucket: " + fullest);
    }

    @Test
    void keysStayUniqueAcrossTheWholeRangeOfIds() {
        Set<Long> keys = new HashSet<>();
        int[] ids = {0, 1, 2, 255, 256, 4_095, 65_535, 65_536, Integer.MAX_VALUE};
        for (int i = 0; i < ids.length; i++) {
            for (int j = i; j < ids.length; j++) {
                keys.add(StatusBoard.linkKey(ids[i], ids[j]));
            }
        }
        assertEquals(ids.length * (ids.length + 1) / 2, keys.size());
    }
}
