package org.ledrl.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ledrl.api.env.Slot;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.Scenarios;
import org.ledrl.sim.Simulation;

/**
 * Failures with a memory, measured over long seeded runs: a flaky element fails at its multiplier times the base
 * rate, a bursty one stays in each state for its mean duration and fails at the bad factor while bad. Counts are
 * held to four standard deviations of what the rates predict (the seeds are fixed).
 */
class FaultProfileTest {

    private static void assertPoisson(double observed, double expected, String what) {
        double tolerance = 4 * Math.sqrt(expected);
        assertTrue(expected > 500 && Math.abs(observed - expected) <= tolerance, what + ": observed " + observed
                + ", expected " + expected + " +- " + tolerance);
    }

    @Test
    void aFlakyNodesEmpiricalFailureRateMatchesItsMultiplier() throws Exception {
        Scenario scenario = Scenarios.parse("{}", "flaky", List.of("topology.nodes=20", "slots=30000",
                "failures.nodeHardwareRate=0.01", "failures.nodeSoftwareRate=0.01", "failures.rejoinProbability=0.3",
                "failures.nodes.flakyShare=0.25", "failures.nodes.flakyFactor=4", "failures.links.flakyShare=0.5",
                "failures.links.flakyFactor=3"));
        Network net = new Network(scenario);
        FaultProfile profile = new FaultProfile(scenario, net);
        int flaky = 0;
        for (int i = 0; i < net.nodes; i++) {
            assertTrue(profile.nodeMultiplier(i) == 1.0 || profile.nodeMultiplier(i) == 4.0, "node " + i);
            flaky += profile.nodeMultiplier(i) == 4.0 ? 1 : 0;
        }
        assertEquals(5, flaky, "exactly a quarter of 20 nodes are flaky");
        FailureProcesses processes = new FailureProcesses(net, profile, scenario.failures(), 1.0);
        NodeQueues queues = new NodeQueues(net.nodes, 32);
        processes.reset(17);
        double[] downSince = new double[net.nodes];
        java.util.Arrays.fill(downSince, -1);
        double[] upTime = new double[2]; // normal, flaky
        long[] failures = new long[2];
        double horizon = scenario.slots();
        java.util.Arrays.fill(upTime, 0);
        for (int i = 0; i < net.nodes; i++) {
            upTime[profile.nodeMultiplier(i) > 1 ? 1 : 0] += horizon;
        }
        List<EnvironmentEvent> events = new ArrayList<>();
        long linkFailuresFlaky = 0;
        long linkFailuresNormal = 0;
        for (int s = 0; s < scenario.slots(); s++) {
            events.clear();
            processes.advance(s + 1, queues, events);
            for (EnvironmentEvent e : events) {
                double t = e.timeMillis() / 1000.0;
                switch (e.type()) {
                    case NODE_HARDWARE_FAILURE, NODE_SOFTWARE_FAILURE -> {
                        failures[profile.nodeMultiplier(e.node()) > 1 ? 1 : 0]++;
                        downSince[e.node()] = t;
                    }
                    case NODE_REJOINED -> {
                        upTime[profile.nodeMultiplier(e.node()) > 1 ? 1 : 0] -= t - downSince[e.node()];
                        downSince[e.node()] = -1;
                    }
                    case LINK_FAILED -> {
                        if (profile.linkMultiplier(linkOf(net, e.node(), e.peer())) > 1) {
                            linkFailuresFlaky++;
                        } else {
                            linkFailuresNormal++;
                        }
                    }
                    default -> { }
                }
            }
        }
        for (int i = 0; i < net.nodes; i++) {
            if (downSince[i] >= 0) {
                upTime[profile.nodeMultiplier(i) > 1 ? 1 : 0] -= horizon - downSince[i];
            }
        }
        assertPoisson(failures[0], 0.02 * upTime[0], "normal nodes");
        assertPoisson(failures[1], 4 * 0.02 * upTime[1], "flaky nodes (4 x the base rate)");
        double perNormal = failures[0] / upTime[0];
        double perFlaky = failures[1] / upTime[1];
        assertTrue(Math.abs(perFlaky / perNormal - 4) < 0.4, "flaky/normal " + perFlaky / perNormal);
        assertTrue(linkFailuresFlaky > 2 * linkFailuresNormal, "flaky links (half of them, 3 x) fail more: "
                + linkFailuresFlaky + " against " + linkFailuresNormal);
    }

    private static int linkOf(Network net, int a, int b) {
        for (int l = 0; l < net.links; l++) {
            if (net.linkA[l] == Math.min(a, b) && net.linkB[l] == Math.max(a, b)) {
                return l;
            }
        }
        throw new AssertionError("no link " + a + "-" + b);
    }

    @Test
    void theMarkovChainsStatesLastTheirMeansAndABadStateFailsAtItsFactor() throws Exception {
        Scenario scenario = Scenarios.parse("{}", "bursty", List.of("topology.nodes=10", "slots=40000",
                "failures.bursts.meanGoodS=30", "failures.bursts.meanBadS=10", "failures.bursts.badFactor=8"));
        Network net = new Network(scenario);
        FaultProfile profile = new FaultProfile(scenario, net);
        profile.reset(23);
        double step = 0.05;
        double[] total = new double[2]; // time good, bad
        long[] spells = new long[2];
        long[] failures = new long[2];
        SplittableRandom random = new SplittableRandom(5);
        double rate = 0.05;
        for (int i = 0; i < net.nodes; i++) {
            boolean bad = profile.nodeBad(i, 0);
            for (double t = step; t < scenario.slots(); t += step) {
                boolean now = profile.nodeBad(i, t);
                total[now ? 1 : 0] += step;
                if (now != bad) {
                    spells[bad ? 1 : 0]++; // a spell of the old state ended
                    bad = now;
                }
            }
            // a renewal of memoryless waits through the chain is a Poisson process with the state's rate
            for (double t = profile.nextNodeFailure(i, 0, random.nextDouble(), rate); t < scenario.slots();
                 t = profile.nextNodeFailure(i, t, random.nextDouble(), rate)) {
                failures[profile.nodeBad(i, t) ? 1 : 0]++;
            }
        }
        double meanGood = total[0] / spells[0];
        double meanBad = total[1] / spells[1];
        assertTrue(Math.abs(meanGood - 30) < 1.5, "mean good spell " + meanGood + " s, expected 30");
        assertTrue(Math.abs(meanBad - 10) < 0.5, "mean bad spell " + meanBad + " s, expected 10");
        assertTrue(Math.abs(total[1] / (total[0] + total[1]) - 0.25) < 0.02, "share of time bad");
        assertPoisson(failures[0], rate * total[0], "failures while good");
        assertPoisson(failures[1], 8 * rate * total[1], "failures while bad (8 x)");
    }

    @Test
    void executionFailuresFollowTheExecutorsMultiplier() throws Exception {
        Scenario scenario = Scenarios.parse("{}", "flaky-exec", List.of("topology.nodes=20", "slots=3000",
                "nodes.cpuGHz=4", "tasks.deadlineS=10", "failures.nodeHardwareRate=0", "failures.nodeSoftwareRate=0",
                "failures.linkRate=0", "failures.executionRate=0.05", "reliabilityThreshold=0",
                "failures.nodes.flakyShare=0.2", "failures.nodes.flakyFactor=5"));
        FaultProfile profile = new FaultProfile(scenario, new Network(scenario));
        Simulation simulation = new Simulation(scenario);
        Slot slot = simulation.reset(3);
        long[] tasks = new long[2];
        long[] failed = new long[2];
        while (true) {
            for (Outcome outcome : slot.outcomes()) {
                int flaky = profile.nodeMultiplier(outcome.executor()) > 1 ? 1 : 0;
                tasks[flaky]++;
                failed[flaky] += outcome.failure() == FailureReason.EXECUTION_FAILURE ? 1 : 0;
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
        assertBinomial(failed[0], tasks[0], 0.05, "executions on normal nodes");
        assertBinomial(failed[1], tasks[1], 0.25, "executions on flaky nodes (5 x)");
    }

    private static void assertBinomial(long hits, long trials, double p, String what) {
        double expected = trials * p;
        double tolerance = 4 * Math.sqrt(trials * p * (1 - p));
        assertTrue(trials > 1000 && Math.abs(hits - expected) <= tolerance, what + ": " + hits + " of " + trials
                + ", expected " + expected + " +- " + tolerance);
    }
}
