package org.ledrl.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ledrl.api.env.Slot;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Over long runs the observed failures match the configured rates: counts within four standard
 * deviations of what the rate predicts (a false alarm once in about 16,000 runs; the seeds are fixed).
 */
class FailureRatesTest {

    private static void assertPoisson(long observed, double expected, String what) {
        double tolerance = 4 * Math.sqrt(expected);
        assertTrue(Math.abs(observed - expected) <= tolerance, what + ": observed " + observed + ", expected "
                + expected + " +- " + tolerance);
    }

    private static void assertBinomial(long hits, long trials, double p, String what) {
        double expected = trials * p;
        double tolerance = 4 * Math.sqrt(trials * p * (1 - p));
        assertTrue(trials > 1000 && Math.abs(hits - expected) <= tolerance, what + ": " + hits + " of " + trials
                + ", expected " + expected + " +- " + tolerance);
    }

    @Test
    void nodeAndLinkFailuresFollowTheirPoissonRatesAndRejoinsTheirProbability() throws Exception {
        Scenario scenario = Scenarios.parse("{}", "rates", List.of("topology.nodes=20", "slots=5000",
                "failures.nodeHardwareRate=0.02", "failures.nodeSoftwareRate=0.01", "failures.linkRate=0.03",
                "failures.rejoinProbability=0.2", "failures.linkRestoreProbability=0.5",
                "tasks.arrivalProbability=0.1"));
        Simulation simulation = new Simulation(scenario);
        int nodes = simulation.topology().size();
        int links = simulation.topology().links().size();
        double horizon = scenario.slots();
        // integrate up-time from the events: every element starts up at 0
        double[] nodeDownSince = new double[nodes];
        java.util.Arrays.fill(nodeDownSince, -1);
        double nodeUpTime = nodes * horizon;
        double nodeDownSlots = 0;
        long hardware = 0;
        long software = 0;
        long rejoins = 0;
        long linkFailures = 0;
        double linkDownTime = 0;
        java.util.Map<Long, Double> linkDownSince = new java.util.HashMap<>();
        Slot slot = simulation.reset(11);
        while (true) {
            for (EnvironmentEvent event : slot.events()) {
                double t = event.timeMillis() / 1000.0;
                if (t > horizon) {
                    continue; // the drain after the last slot
                }
                switch (event.type()) {
                    case NODE_HARDWARE_FAILURE, NODE_SOFTWARE_FAILURE -> {
                        if (event.type() == EnvironmentEvent.Type.NODE_HARDWARE_FAILURE) {
                            hardware++;
                        } else {
                            software++;
                        }
                        nodeDownSince[event.node()] = t;
                    }
                    case NODE_REJOINED -> {
                        nodeUpTime -= t - nodeDownSince[event.node()];
                        nodeDownSlots += Math.ceil(t - nodeDownSince[event.node()]);
                        nodeDownSince[event.node()] = -1;
                        rejoins++;
                    }
                    case LINK_FAILED -> {
                        linkFailures++;
                        linkDownSince.put((long) event.node() * nodes + event.peer(), t);
                    }
                    case LINK_RESTORED -> linkDownTime += t - linkDownSince.remove((long) event.node() * nodes
                            + event.peer());
                    default -> throw new AssertionError(event);
                }
            }
            if (slot.done()) {
                break;
            }
            List<Decision> decisions = new ArrayList<>();
            for (Observation o : slot.observations()) {
                decisions.add(Decision.of(o.agent(), "local"));
            }
            slot = simulation.step(decisions);
        }
        for (double since : nodeDownSince) {
            if (since >= 0) {
                nodeUpTime -= horizon - since;
            }
        }
        for (double since : linkDownSince.values()) {
            linkDownTime += horizon - since;
        }
        assertPoisson(hardware, 0.02 * nodeUpTime, "hardware failures");
        assertPoisson(software, 0.01 * nodeUpTime, "software failures");
        assertPoisson(linkFailures, 0.03 * (links * horizon - linkDownTime), "link failures");
        // a down node gets one chance per slot boundary: mean slots down is 1/p (from the failure's slot)
        double meanDown = nodeDownSlots / rejoins;
        assertTrue(Math.abs(meanDown - 1 / 0.2) < 0.6, "mean slots down " + meanDown + ", expected about 5");
    }

    @Test
    void executionAndTransmissionFailuresFollowTheirPerAttemptRates() throws Exception {
        List<String> calm = List.of("topology.type=ring", "topology.nodes=10", "slots=2000", "nodes.cpuGHz=4",
                "tasks.arrivalProbability=0.3", "tasks.deadlineS=10", "failures.nodeHardwareRate=0",
                "failures.nodeSoftwareRate=0", "failures.linkRate=0", "reliabilityThreshold=0");
        List<String> execution = new ArrayList<>(calm);
        execution.add("failures.executionRate=0.2");
        long[] counts = count(execution, false, FailureReason.EXECUTION_FAILURE);
        assertBinomial(counts[0], counts[1], 0.2, "execution failures");

        List<String> transmission = new ArrayList<>(calm);
        transmission.add("failures.transmissionRate=0.15");
        counts = count(transmission, true, FailureReason.TRANSMISSION_FAILURE);
        assertBinomial(counts[0], counts[1], 0.15, "transmission failures (one hop each)");
    }

    /** {hits of reason, tasks} of one long episode, every task local or to its first neighbour. */
    private static long[] count(List<String> sets, boolean offload, FailureReason reason) throws Exception {
        Simulation simulation = new Simulation(Scenarios.parse("{}", "rates", sets));
        Slot slot = simulation.reset(5);
        long hits = 0;
        long tasks = 0;
        while (true) {
            for (Outcome outcome : slot.outcomes()) {
                tasks++;
                if (outcome.failure() == reason) {
                    hits++;
                }
            }
            if (slot.done()) {
                return new long[] {hits, tasks};
            }
            List<Decision> decisions = new ArrayList<>();
            for (Observation o : slot.observations()) {
                decisions.add(Decision.of(offload ? o.candidates().get(1).node() : o.agent(), "test"));
            }
            slot = simulation.step(decisions);
        }
    }
}
