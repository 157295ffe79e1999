package org.ledrl.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BoardHistoryTest {

    @Test
    void distinctCountsTheDifferentValuesAmongTheFirstOnes() {
        assertEquals(0, BoardHistory.distinct(new long[4], 0));
        assertEquals(1, BoardHistory.distinct(new long[] {7, 7, 7}, 3));
        assertEquals(2, BoardHistory.distinct(new long[] {2, 1, 2, 9}, 3), "the fourth value is not counted");
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 1_000; round++) {
            int count = random.nextInt(0, 200);
            long[] values = LongStream.generate(() -> random.nextInt(-5, 40)).limit(count + 10).toArray();
            HashSet<Long> expected = new HashSet<>();
            for (int i = 0; i < count; i++) {
                expected.add(values[i]);
            }
            assertEquals(expected.size(), BoardHistory.distinct(values, count));
        }
    }
}
