package org.ledrl.policy.mappo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairHistoriesTest {

    /**
     * Random finds, outcomes and clears against a map of histories, as {@link RecentActivity} kept them before: the
     * same figures, bit for bit, through the table's growth, with the bound held.
     */
    @Test
    void behavesAsAMapOfHistoriesWithABound() {
        int capacity = 300;
        PairHistories table = new PairHistories(capacity);
        Map<Long, double[]> model = new HashMap<>();
        Random random = new Random(7);
        int refused = 0;
        for (int op = 0; op < 200_000; op++) {
            long key = RecentActivity.pair(random.nextInt(40), random.nextInt(40));
            if (op % 50_000 == 49_999) {
                table.clear();
                model.clear();
            } else if (random.nextBoolean()) {
                int slot = table.find(key);
                double[] expected = model.get(key);
                assertEquals(expected == null, slot < 0, "pair known");
                if (expected != null) {
                    assertEquals(expected[0], table.success(slot));
                    assertEquals(expected[1], table.count(slot));
                }
            } else {
                boolean success = random.nextInt(3) > 0;
                int slot = table.findOrAdd(key);
                double[] history = model.get(key);
                if (history == null && model.size() >= capacity) {
                    assertEquals(-1, slot, "a pair beyond the bound is not kept");
                    refused++;
                    continue;
                }
                if (history == null) {
                    assertEquals(0.5, table.success(slot));
                    assertEquals(0, table.count(slot));
                    history = new double[] {0.5, 0};
                    model.put(key, history);
                }
                history[0] += 0.2 * ((success ? 1 : 0) - history[0]);
                history[1] = (1 - 0.2) * history[1] + 1;
                table.record(slot, success, 0.2);
            }
            assertEquals(model.size(), table.size());
        }
        assertTrue(refused > 0, "the bound was reached");
        assertTrue(table.slots() <= 2 * 512, "slots: " + table.slots());
    }

    @Test
    void anIdleTableIsSmall() {
        assertEquals(256, new PairHistories(RecentActivity.MAX_PAIRS).slots());
    }
}
