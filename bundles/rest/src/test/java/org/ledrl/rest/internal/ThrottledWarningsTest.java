package org.ledrl.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ThrottledWarningsTest {

    @Test
    void logsAKindAtMostOnceAMinuteWithTheCount() {
        List<String> lines = new ArrayList<>();
        Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn")) {
                        lines.add(args[0] + " " + args[1] + " " + args[2]);
                    }
                    return null;
                });
        AtomicLong now = new AtomicLong(1_000);
        ThrottledWarnings warnings = new ThrottledWarnings(log, now::get);

        for (int i = 0; i < 10_000; i++) {
            warnings.count("broken body", "ended early");
            now.addAndGet(1_000_000); // 1 ms: 10,000 requests in 10 s
        }
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(" 1 ended early"), lines.toString());

        now.addAndGet(ThrottledWarnings.PERIOD_NANOS);
        warnings.count("broken body", "ended early");
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains(" 10000 ended early"), "the count since the last line: " + lines);

        warnings.count("another kind", "other");
        assertEquals(3, lines.size(), "each kind has its own minute");
    }
}
