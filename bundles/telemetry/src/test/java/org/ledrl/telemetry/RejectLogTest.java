package org.ledrl.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectLogTest {

    @Test
    void countsRejectsPerKind() {
        RejectLog log = new RejectLog("test");

        log.reject(new MalformedTelemetryException("truncated line", "line 'RAM 12/' ends early"));
        log.reject("truncated line", "again");
        log.reject("NaN value", "cpuLoad is NaN");

        assertEquals(2, log.count("truncated line"));
        assertEquals(1, log.count("NaN value"));
        assertEquals(0, log.count("never seen"));
        assertEquals(3, log.total());
        assertEquals(Map.of("NaN value", 1L, "truncated line", 2L), log.counts());
    }

    @Test
    void aMillionRejectsOfEverChangingKindsKeepAtMostTheBoundOfKindsAndCountTheLumpedOnes() {
        RejectLog log = new RejectLog("test");
        for (int i = 0; i < 1_000_000; i++) {
            log.reject("kind " + (i % 100_000), "value " + i);
            if (i % 10_000 == 0) {
                org.junit.jupiter.api.Assertions.assertTrue(log.counts().size() <= RejectLog.MAX_KINDS + 1);
            }
        }
        assertEquals(RejectLog.MAX_KINDS + 1, log.counts().size(), "64 kinds apart, the rest together");
        assertEquals(1_000_000, log.total(), "every reject counted");
        assertEquals(1_000_000 - RejectLog.MAX_KINDS * 10L, log.lumped(), "the first 64 kinds came 10 times each");
        assertEquals(log.lumped(), log.count(RejectLog.OTHER_KINDS));
    }
}
