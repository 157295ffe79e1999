package org.ledrl.telemetry.mqtt.internal;

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
import org.ledrl.telemetry.MalformedTelemetryException;

/** Fuzzes MQTT status payloads: 10,000 mutants of node and link statuses, each decoded or refused with a clear reason. */
class StatusPayloadFuzzTest {

    private static final List<String> PAYLOADS = List.of(
            "{\"v\":1,\"kind\":\"node\",\"origin\":\"gw-a\",\"sentAtMillis\":1000,\"node\":3,\"health\":\"UP\","
                    + "\"cpuGHz\":1.9,\"cpuLoad\":0.42,\"queueLength\":2,\"queueSeconds\":null,\"memoryLoad\":0.61,"
                    + "\"gpuLoad\":null,\"temperatureC\":48.5,\"recentFailures\":1}",
            "{\"v\":1,\"kind\":\"link\",\"origin\":\"gw-a\",\"sentAtMillis\":1000,\"a\":3,\"b\":4,\"health\":\"DOWN\","
                    + "\"rateMBps\":25,\"latencyMs\":4,\"recentFailures\":0}");

    private final StatusPayload payloads = new StatusPayload();
    private final StatusTopics topics = new StatusTopics("ledrl/v1");

    @Provide
    Arbitrary<String> payloads() {
        return Mutants.of(PAYLOADS, List.of("\"node\":", "\"health\":", "\"v\":", "\"a\":", "2147483647"));
    }

    @Property(tries = 10_000)
    void everyPayloadIsDecodedOrRefusedClearly(@ForAll @From("payloads") String payload) throws Exception {
        StatusTopics.Address address = topics.parse(payload.contains("\"link\"") ? topics.link(3, 4) : topics.node(3));
        String outcome = Refusals.bounded(payload, () -> {
            try {
                payloads.decode(address, payload.getBytes(StandardCharsets.UTF_8), 777);
                return "accepted";
            } catch (MalformedTelemetryException e) {
                Refusals.assertClear(e.getMessage(), payload);
                return e.kind();
            }
        });
        Statistics.collect(outcome);
    }
}
