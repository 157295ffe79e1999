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
}
