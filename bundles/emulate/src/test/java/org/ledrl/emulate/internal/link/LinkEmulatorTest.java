package org.ledrl.emulate.internal.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Topology;
import org.ledrl.emulate.internal.fault.FaultSpecs;
import org.ledrl.sim.ScenarioDraws;
import org.ledrl.sim.Scenarios;

class LinkEmulatorTest {

    private static ScenarioDraws ring(String... sets) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("topology.type=ring", "topology.nodes=4",
                "links.rateMBps=20", "links.latencyMs=5"));
        all.addAll(List.of(sets));
        return new ScenarioDraws(Scenarios.parse("name: t\n", "test", all));
    }

    @Test
    void aTransferTakesSizeOverRatePlusLatency() throws Exception {
        LinkEmulator links = new LinkEmulator(ring(), 3, List.of());
        LinkEmulator.Transfer transfer = links.transfer(0, 1, 42, 400, 0, 0, 1000);
        assertTrue(transfer.arrives());
        assertEquals(0.4 / 20 + 0.005, transfer.seconds(), 1e-12); // 400 KB at 20 MB/s, 5 ms
        assertEquals(-1, links.link(0, 2), "no link across the ring");
        assertThrows(IllegalArgumentException.class, () -> links.transfer(0, 2, 1, 400, 0, 0, 1000));
    }

    @Test
    void transfersAreLostWithTheScenariosProbabilityAsTheSimulatorDrawsThem() throws Exception {
        ScenarioDraws draws = ring("failures.transmissionRate=0.25");
        LinkEmulator links = new LinkEmulator(draws, 11, List.of());
        int lost = 0;
        int n = 20_000;
        for (long task = 0; task < n; task++) {
            LinkEmulator.Transfer transfer = links.transfer(1, 2, task, 300, 5, 0, 1000);
            if (!transfer.arrives()) {
                assertEquals(FailureReason.TRANSMISSION_FAILURE, transfer.loss());
                lost++;
            }
            assertEquals(draws.transmissionFails(11, task, 0, 0), !transfer.arrives(), "task " + task);
        }
        assertEquals(0.25, (double) lost / n, 0.015);
    }

    @Test
    void aResendCostsTheTimeoutAndAnotherTransfer() throws Exception {
        ScenarioDraws draws = ring("failures.transmissionRate=0.5", "failures.transmissionRetries=1",
                "failures.retransmitTimeoutS=0.5");
        LinkEmulator links = new LinkEmulator(draws, 5, List.of());
        double hop = 0.3 / 20 + 0.005;
        boolean sawResend = false;
        for (long task = 0; task < 200; task++) {
            LinkEmulator.Transfer transfer = links.transfer(2, 3, task, 300, 0, 0, 1000);
            boolean first = draws.transmissionFails(5, task, 0, 0);
            boolean second = draws.transmissionFails(5, task, 0, 1);
            if (!first) {
                assertEquals(hop, transfer.seconds(), 1e-12);
            } else {
                sawResend = true;
                assertEquals(2 * hop + 0.5, transfer.seconds(), 1e-12);
                assertEquals(second ? FailureReason.TRANSMISSION_FAILURE : FailureReason.NONE, transfer.loss());
            }
        }
        assertTrue(sawResend);
    }

    @Test
    void aCutLinkDropsEverythingForItsTimeOnly() throws Exception {
        LinkEmulator links = new LinkEmulator(ring(), 3, List.of(FaultSpecs.parse("cut:1-0@10s-20s")));
        assertEquals(FailureReason.NONE, links.transfer(0, 1, 1, 400, 0, 9_000, 1000).loss());
        assertEquals(FailureReason.LINK_FAILED, links.transfer(0, 1, 1, 400, 0, 10_000, 1000).loss());
        assertEquals(FailureReason.LINK_FAILED, links.transfer(1, 0, 1, 400, 0, 19_999, 1000).loss());
        // sent just before the cut, still on the wire when it starts
        assertEquals(FailureReason.LINK_FAILED, links.transfer(0, 1, 1, 400, 0, 9_990, 1000).loss());
        assertEquals(FailureReason.NONE, links.transfer(0, 1, 1, 400, 0, 20_000, 1000).loss());
        assertEquals(FailureReason.NONE, links.transfer(1, 2, 1, 400, 0, 15_000, 1000).loss(), "another link");
    }

    @Test
    void theRateIsTheSimulatorsRateOfTheSlot() throws Exception {
        ScenarioDraws draws = ring("links.rateMBps=[10, 40]");
        LinkEmulator links = new LinkEmulator(draws, 9, List.of());
        Topology.LinkSpec spec = draws.topology().links().get(links.link(2, 3));
        for (int slot = 0; slot < 30; slot++) {
            double rate = draws.linkRateMBps(9, links.link(2, 3), slot);
            assertTrue(rate >= 10 && rate <= 40, "rate " + rate);
            assertEquals(0.5 / rate + spec.latencyMs() / 1000, links.transfer(3, 2, 0, 500, slot, 0, 500).seconds(),
                    1e-12);
        }
    }
}
