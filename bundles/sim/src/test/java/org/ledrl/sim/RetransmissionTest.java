package org.ledrl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Outcome;
import org.junit.jupiter.api.Test;

/** A sender that resends a failed hop: the task arrives later instead of being lost, until the deadline. */
class RetransmissionTest {

    /** Every task goes to a neighbour, over fast links, with time to spare. */
    private static Map<FailureReason, Integer> offloaded(String... sets) throws ScenarioException {
        return FailureReasonsTest.run(List.of(sets), FailureReasonsTest::neighbour);
    }

    @Test
    void withoutRetriesAFailedHopLosesTheTask() throws Exception {
        Map<FailureReason, Integer> counts = offloaded("failures.transmissionRate=0.5");
        assertTrue(counts.getOrDefault(FailureReason.TRANSMISSION_FAILURE, 0) > 20, counts.toString());
        assertEquals(counts, offloaded("failures.transmissionRate=0.5", "failures.transmissionRetries=0",
                "failures.retransmitTimeoutS=3"), "no retries: the timeout changes nothing");
    }

    @Test
    void resentHopsArrive() throws Exception {
        Map<FailureReason, Integer> counts = offloaded("failures.transmissionRate=0.5",
                "failures.transmissionRetries=30", "failures.retransmitTimeoutS=0.1");
        assertEquals(Map.of(FailureReason.NONE, FailureReasonsTest.total(counts)), counts);
    }

    @Test
    void aHopThatKeepsFailingIsLostAfterTheLastRetry() throws Exception {
        Map<FailureReason, Integer> counts = offloaded("failures.transmissionRate=1",
                "failures.transmissionRetries=3", "failures.retransmitTimeoutS=0.5");
        assertEquals(Map.of(FailureReason.TRANSMISSION_FAILURE, FailureReasonsTest.total(counts)), counts);
    }

    @Test
    void theDeadlineStopsResending() throws Exception {
        // 3 waits of 4 s do not fit in the 10 s deadline
        Map<FailureReason, Integer> counts = offloaded("failures.transmissionRate=1",
                "failures.transmissionRetries=3", "failures.retransmitTimeoutS=4");
        assertEquals(Map.of(FailureReason.DEADLINE_MISSED, FailureReasonsTest.total(counts)), counts);
    }

    @Test
    void eachResendCostsTheTimeoutAndAnotherTransfer() throws Exception {
        // a quarter of the hops fail; each failure costs 1 s of waiting and another transfer of a few ms
        double clean = meanLatency("failures.transmissionRate=0");
        List<Outcome> resent = outcomes("failures.transmissionRate=0.25", "failures.transmissionRetries=30",
                "failures.retransmitTimeoutS=1");
        double mean = resent.stream().mapToDouble(Outcome::latencyS).average().orElseThrow();
        // expected resends per hop: 0.25 / 0.75 = 1/3
        assertEquals(1.0 / 3, mean - clean, 0.1, "extra latency in s");
        assertTrue(resent.stream().allMatch(o -> o.failure() == FailureReason.NONE));
    }

    private static double meanLatency(String... sets) throws ScenarioException {
        return outcomes(sets).stream().mapToDouble(Outcome::latencyS).average().orElseThrow();
    }

    /** Light load over a long episode with a roomy deadline, every task offloaded. */
    private static List<Outcome> outcomes(String... sets) throws ScenarioException {
        List<String> all = new ArrayList<>(List.of("slots=400", "tasks.arrivalProbability=0.05", "tasks.deadlineS=30"));
        all.addAll(List.of(sets));
        return FailureReasonsTest.outcomes(all, FailureReasonsTest::neighbour);
    }
}
