package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledrl emulate}: three gateway processes on a ring offload real tasks to each other over a Mosquitto
 * broker for 20 s while one of them is killed (SIGKILL) and started again. Every task ends exactly once with a
 * typed outcome, the results add up, nothing is sent to a gateway known down, and nothing is left running.
 * Needs the mosquitto program (or a broker on 127.0.0.1:1883), as the MQTT tests do.
 */
class EmulateIT {

    private static final Duration DEADLINE = Duration.ofSeconds(85);
    private static final Set<String> OUTCOMES = Set.of("NONE", "DEADLINE_MISSED", "NODE_FAILED", "LINK_FAILED",
            "EXECUTION_FAILURE", "TRANSMISSION_FAILURE", "RELIABILITY_BELOW_THRESHOLD", "NODE_UNREACHABLE",
            "QUEUE_FULL", "POLICY_ERROR");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Installation installation;

    @BeforeEach
    void copyInstallation() throws IOException {
        installation = Installation.copyInto(folder);
    }

    @Test
    void threeGatewaysOffloadThroughAKillAndARestartWithEveryTaskAccountedFor() throws Exception {
        Path out = folder.resolve("run");
        LedrlProcess.Result result = installation.run(DEADLINE, "emulate", "--scenario", "paper-10-ring",
                "--set", "topology.nodes=3", "--policy", "greedy", "--duration", "20s", "--fault", "kill:1@6s-12s",
                "--no-compare", "--out", out.toString());

        assertEquals(0, result.exitStatus(), result::describe);
        // the journals: every decided task ends once, with a typed outcome
        Map<Long, String> ends = new HashMap<>();
        Set<Long> decided = new HashSet<>();
        List<Long> pids = new ArrayList<>();
        int upsOfKilled = 0;
        for (int node = 0; node < 3; node++) {
            Path journal = out.resolve("gateways/" + node + "/journal.jsonl");
            assertTrue(Files.isRegularFile(journal), "no journal of gateway " + node);
            for (String line : Files.readAllLines(journal)) {
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // a line cut by the kill
                }
                switch (event.path("e").asText()) {
                    case "up" -> {
                        pids.add(event.path("pid").asLong());
                        upsOfKilled += node == 1 ? 1 : 0;
                    }
                    case "task" -> assertTrue(decided.add(event.path("id").asLong()), "task decided twice: " + line);
                    case "end" -> {
                        String failure = event.path("failure").asText();
                        assertTrue(OUTCOMES.contains(failure), "untyped outcome: " + line);
                        assertEquals(null, ends.put(event.path("id").asLong(), failure), "task ended twice: " + line);
                    }
                    default -> { }
                }
            }
        }
        assertEquals(2, upsOfKilled, "gateway 1 started, was killed and started again");
        assertTrue(decided.size() >= 20, "3 nodes for 20 slots decide more tasks than " + decided.size());
        assertTrue(decided.containsAll(ends.keySet()), "an end without its task");

        JsonNode live = JSON.readTree(out.resolve("live.json").toFile()).path("live");
        long endedByOriginFailure = live.path("tasksEndedByOriginFailure").asLong(-1);
        assertEquals(decided.size() - ends.size(), endedByOriginFailure,
                "tasks without an end are exactly those the killed origin could not judge");
        assertEquals(0, live.path("tasksSentToGatewayKnownDown").asLong(-1), live.toString());
        assertEquals(0, live.path("duplicateEnds").asLong(-1));
        JsonNode detection = live.path("detections").path(0);
        assertEquals(1, detection.path("node").asInt());
        assertFalse(detection.path("detectedAfterMs").isNull(), "the kill was never seen: " + live);
        // the last will, not staleness (2 s): seen down within a second
        assertTrue(detection.path("detectedAfterMs").asLong() < 1000, "seen down late: " + live);
        assertTrue(live.path("decisionUsP50").asDouble() > 0);

        // results.json in the experiment's format: the run's total adds up to the journals
        JsonNode run = JSON.readTree(out.resolve("results.json").toFile()).path("runs").path(0);
        assertEquals("greedy", run.path("policy").asText());
        JsonNode total = run.path("total");
        assertEquals(decided.size(), total.path("tasks").asLong(), result::describe);
        long failures = 0;
        for (var reason : (Iterable<Map.Entry<String, JsonNode>>) total.path("failures")::fields) {
            assertTrue(OUTCOMES.contains(reason.getKey()), reason.getKey());
            failures += reason.getValue().asLong();
        }
        assertEquals(total.path("tasks").asLong(), total.path("successes").asLong() + failures);
        long successes = ends.values().stream().filter("NONE"::equals).count();
        assertEquals(successes, total.path("successes").asLong());
        assertTrue(successes > 0, "no task succeeded: " + result.stdout());
        assertTrue(Files.readString(out.resolve("results.csv")).startsWith("scenario,policy,seed"));
        assertTrue(result.stdout().contains("tasks sent to a gateway known down for more than 2 s: 0"),
                result::describe);

        // nothing left running: the gateways (every incarnation) and the broker emulate started
        assertEquals(4, pids.size(), "3 gateways and one restart");
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "gateway " + pid + " left");
        }
    }
}
