package org.ledrl.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.live.Activity;
import org.ledrl.live.LiveDecision;
import org.ledrl.live.LiveNetwork;
import org.ledrl.live.LiveRuntime;
import org.ledrl.live.OutcomeReport;
import org.ledrl.live.TaskRequest;
import org.ledrl.telemetry.TestConfigs;

/** The MQTT request queue is bounded: a flood of requests while the runtime is busy is refused and counted. */
class MqttRequestQueueTest {

    /** A runtime whose decisions wait until the test lets them go. */
    private static final class StuckRuntime implements LiveRuntime {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public LiveDecision decide(TaskRequest request) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new LiveDecision(request.requestId(), 1, 0, 0, "stuck", List.of(), 1.0, 0);
        }

        @Override
        public void report(OutcomeReport report) {
        }

        @Override
        public LiveNetwork network() {
            return new LiveNetwork(0, List.of(), List.of(), 0);
        }

        @Override
        public List<String> policies() {
            return List.of();
        }

        @Override
        public String activePolicy() {
            return "stuck";
        }

        @Override
        public void usePolicy(String policy) {
        }

        @Override
        public Activity activity() {
            return new Activity(10, List.of(), List.of(), 0, 0, 0);
        }
    }

    @Test
    void aMillionRequestsWhileTheRuntimeIsStuckKeepTheQueueAtItsBoundAndCountEveryRefusal() throws Exception {
        StuckRuntime runtime = new StuckRuntime();
        // no broker on port 1: the bridge keeps trying to connect and never receives anything by itself
        MqttDecisions bridge = new MqttDecisions(runtime, TestConfigs.of(MqttDecisions.Config.class,
                Map.of("brokerUrl", "tcp://127.0.0.1:1", "reconnectDelayMillis", 60_000L)));
        try {
            byte[] payload = "{\"sizeKB\":300,\"cyclesPerBit\":1000,\"deadlineS\":4}".getBytes(StandardCharsets.UTF_8);
            bridge.arrived("ledrl/v1/decision/request/gw", payload);
            assertTrue(runtime.entered.await(10, TimeUnit.SECONDS), "the first request is being handled");
            for (int i = 1; i < 1_000_000; i++) {
                bridge.arrived("ledrl/v1/decision/request/gw", payload);
                if (i % 1000 == 0) {
                    assertTrue(bridge.buffers().get(0).withinBound());
                }
            }
            BufferStatus queue = bridge.buffers().get(0);
            assertEquals("live.mqtt-requests", queue.name());
            assertEquals(MqttDecisions.QUEUE, queue.size(), "full, and no fuller");
            assertEquals(1_000_000 - 1 - MqttDecisions.QUEUE, queue.dropped(), "one handled, the queue, the rest refused");
        } finally {
            runtime.release.countDown();
            bridge.deactivate();
        }
    }
}
