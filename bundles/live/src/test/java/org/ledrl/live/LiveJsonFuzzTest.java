package org.ledrl.live;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.ledrl.json.fuzz.Mutants;
import org.ledrl.json.fuzz.Refusals;

/**
 * Fuzzes the decision and outcome requests (the REST bodies and the MQTT decision payloads share
 * this reader): 10,000 mutants of valid requests each; every one is read or refused with a clear
 * error naming a field or a position, within the case bound.
 */
class LiveJsonFuzzTest {

    private static final List<String> TASKS = List.of(
            "{\"requestId\":\"r1\",\"origin\":3,\"sizeKB\":300,\"cyclesPerBit\":1200,\"deadlineS\":4,\"type\":\"video\"}",
            "{\"sizeKB\":250,\"computeSeconds\":0.5,\"deadlineS\":4}",
            "{\"sizeKB\": 500, \"cyclesPerBit\": 800, \"deadlineS\": 2.5, \"origin\": 0}\n");
    private static final List<String> OUTCOMES = List.of(
            "{\"taskId\":7,\"success\":true,\"latencyS\":1.5}",
            "{\"requestId\":\"q\",\"taskId\":7,\"executor\":2,\"failure\":\"DEADLINE_MISSED\",\"latencyS\":4}");

    private final LiveJson json = new LiveJson();

    @Provide
    Arbitrary<String> tasks() {
        return Mutants.of(TASKS, List.of("\"sizeKB\":", "\"origin\":", "\"type\":", "\"cyclesPerBit\":"));
    }

    @Provide
    Arbitrary<String> outcomes() {
        return Mutants.of(OUTCOMES, List.of("\"taskId\":", "\"failure\":\"NODE_FAILED\"", "\"success\":"));
    }

    @Property(tries = 10_000)
    void decisionRequestsAreReadOrRefusedClearly(@ForAll @From("tasks") String body) throws Exception {
        Statistics.collect(Refusals.bounded(body, () -> read(body, true)));
    }

    @Property(tries = 10_000)
    void outcomeReportsAreReadOrRefusedClearly(@ForAll @From("outcomes") String body) throws Exception {
        Statistics.collect(Refusals.bounded(body, () -> read(body, false)));
    }

    private String read(String body, boolean task) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            if (task) {
                json.task(bytes);
            } else {
                json.outcome(bytes);
            }
            return "accepted";
        } catch (InvalidRequestException e) {
            Refusals.assertClear(e.getMessage(), body);
            return "refused";
        }
    }
}
