package org.ledrl.prior.heuristic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.prior.PromptContext;
import org.junit.jupiter.api.Test;

class HeuristicPriorTest {

    private static final Task TASK = new Task(1, 0, 0, 300, 1000, 4.0, "generic"); // 2.4 Gcycles: 0.8 s at 3 GHz

    private static NodeStatus node(int id, Health health, double queueS, int failures) {
        return new NodeStatus(id, health, 3.0, 0.5, 1, queueS, 0.3, Double.NaN, Double.NaN, failures, 0);
    }

    private static Candidate self(double queueS) {
        return new Candidate(node(0, Health.UP, queueS, 0), 0.001, 0, 0, 0, 0, true);
    }

    private static Candidate peer(int id, Health health, double queueS, int failures, double secondsPerMB) {
        return new Candidate(node(id, health, queueS, failures), 0.001, 1, secondsPerMB, 0.005, 0.001, true);
    }

    private static Observation obs(Candidate... candidates) {
        return new Observation(0, 5000, TASK, List.of(candidates), 0.9);
    }

    private static PromptContext context(Observation obs, Map<Integer, PromptContext.NodeActivity> activity) {
        return new PromptContext(obs, new PromptContext.Trend(20, 0, Double.NaN, Double.NaN, Map.of(), activity),
                List.of());
    }

    @Test
    void otherAgentsTasksAtACandidateLowerItsPreferenceByTheirExpectedWait() {
        Observation o = obs(self(2.0), peer(1, Health.UP, 0.0, 0, 0.05), peer(2, Health.UP, 0.0, 0, 0.05));
        StrategyPrior prior = HeuristicPrior.of(context(o, Map.of(
                1, new PromptContext.NodeActivity(2.0, 3, 10, 1, 0))));
        // 0.3 MB at 0.05 s/MB + 5 ms, then 0.8 s of compute: 0.82 s at node 2
        assertEquals(Math.exp(-0.82 / 4.0), prior.preferenceFor(2).preference(), 1e-3);
        // 0.3 of 2 tasks a slot ahead of it at node 1, 0.8 s each: 0.48 s more
        assertEquals(Math.exp(-1.30 / 4.0), prior.preferenceFor(1).preference(), 1e-3);
        assertTrue(prior.preferenceFor(0).preference() < prior.preferenceFor(1).preference(), "2 s of queue");
        assertFalse(prior.preferenceFor(1).avoid());
        assertTrue(prior.rationale().contains("Best node 2"), prior.rationale());
    }

    @Test
    void tasksLostInTransferLowerEveryNeighbourByHopAndKeepATaskThatIsOnTimeHere() {
        // 1.8 s here, 0.82 s at the idle neighbour: both well within the 4 s deadline
        Observation o = obs(self(1.0), peer(1, Health.UP, 0.0, 0, 0.05));
        StrategyPrior clean = HeuristicPrior.of(o);
        assertTrue(clean.preferenceFor(1).preference() > clean.preferenceFor(0).preference(), "sooner there");
        // 3 of the agent's last 10 tasks lost in transfer: 2 x 3 / 12 = 0.5 lost per hop
        StrategyPrior lossy = HeuristicPrior.of(lossyContext(o));
        assertEquals(HeuristicPrior.onTimeChance(1.8, 4.0), lossy.preferenceFor(0).preference(), 1e-3,
                "a local task crosses no link");
        assertEquals(0.5 * HeuristicPrior.onTimeChance(0.82, 4.0), lossy.preferenceFor(1).preference(), 1e-3);
        assertTrue(lossy.preferenceFor(0).preference() > 0.99, "on time here: " + lossy.rationale());
        assertEquals(GlobalStrategy.KEEP_LOCAL, lossy.strategy(), "sooner elsewhere is not worth the risk");
        // other failures say nothing about transfers
        StrategyPrior failing = HeuristicPrior.of(new PromptContext(o, new PromptContext.Trend(20, 10, 0.7, 1.0,
                Map.of(FailureReason.EXECUTION_FAILURE, 3)), List.of()));
        assertEquals(clean.preferenceFor(1).preference(), failing.preferenceFor(1).preference(), 1e-9);
        assertEquals(clean.preferenceFor(0).preference(), failing.preferenceFor(0).preference(), 1e-9);
    }

    @Test
    void aTaskLateHereStillGoesWhereItArrivesOnTimeDespiteLosses() {
        // 4.3 s here (late), 0.82 s at the neighbour: half the tasks crossing a hop are lost, but staying is late
        Observation o = obs(self(3.5), peer(1, Health.UP, 0.0, 0, 0.05));
        StrategyPrior lossy = HeuristicPrior.of(lossyContext(o));
        assertEquals(HeuristicPrior.onTimeChance(4.3, 4.0), lossy.preferenceFor(0).preference(), 1e-3);
        assertEquals(0.5, lossy.preferenceFor(1).preference(), 1e-3);
        assertTrue(lossy.preferenceFor(0).preference() < 0.4, "late here: " + lossy.preferenceFor(0));
        assertTrue(lossy.rationale().startsWith("Best node 1"), lossy.rationale());
        // the chance of meeting the deadline: a step around the deadline, 0.5 right at it
        assertEquals(0.5, HeuristicPrior.onTimeChance(4.0, 4.0), 1e-12);
        assertTrue(HeuristicPrior.onTimeChance(3.2, 4.0) > 0.85 && HeuristicPrior.onTimeChance(4.8, 4.0) < 0.15);
    }

    private static PromptContext lossyContext(Observation o) {
        return new PromptContext(o, new PromptContext.Trend(20, 10, 0.7, 1.0,
                Map.of(FailureReason.TRANSMISSION_FAILURE, 3)), List.of());
    }

    @Test
    void aTaskLostEverywhereGoesWhereItWastesLeastExecutorTime() {
        // 0.8 s of compute everywhere; queues of 4.0 s (here), 3.7 s and 6 s: no finish within 1.1 deadlines (4.4 s)
        Observation o = obs(self(4.0), peer(1, Health.UP, 3.7, 0, 0.05), peer(2, Health.UP, 6.0, 0, 0.05));
        StrategyPrior prior = HeuristicPrior.of(o);
        // node 2 would start after the deadline: it never runs there and costs nothing
        assertEquals(1.0, prior.preferenceFor(2).preference(), 1e-3);
        // here it starts at 4.0 s, its deadline: nothing wasted either
        assertEquals(1.0, prior.preferenceFor(0).preference(), 1e-3);
        // node 1: starts at 3.72 s (0.02 s of transfer) and runs 0.28 s into nothing
        assertEquals(Math.exp(-0.28 / 4.0), prior.preferenceFor(1).preference(), 1e-3);
        assertTrue(prior.rationale().startsWith("The deadline is out of reach everywhere"), prior.rationale());
        // where half the tasks crossing a hop are lost on the way, it wastes time at node 1 only if it arrives
        StrategyPrior lossy = HeuristicPrior.of(new PromptContext(o, new PromptContext.Trend(20, 10, 0.7, 1.0,
                Map.of(FailureReason.TRANSMISSION_FAILURE, 3)), List.of()));
        assertEquals(Math.exp(-0.5 * 0.28 / 4.0), lossy.preferenceFor(1).preference(), 1e-3);

        // one candidate in reach: the usual forecast ranks them again
        Observation reachable = obs(self(4.0), peer(1, Health.UP, 3.0, 0, 0.05), peer(2, Health.UP, 6.0, 0, 0.05));
        StrategyPrior usual = HeuristicPrior.of(reachable);
        assertTrue(usual.preferenceFor(1).preference() > usual.preferenceFor(2).preference(), "3.82 s: in reach");
        assertEquals(Math.exp(-3.82 / 4.0), usual.preferenceFor(1).preference(), 1e-3);
    }

    @Test
    void aHerdingTargetAsBestNeighbourCallsForSpreading() {
        Observation o = obs(self(3.0), peer(1, Health.UP, 0.0, 0, 0.05), peer(2, Health.UP, 2.5, 0, 0.05));
        StrategyPrior quiet = HeuristicPrior.of(context(o, Map.of()));
        StrategyPrior herded = HeuristicPrior.of(context(o, Map.of(1, new PromptContext.NodeActivity(1.5, 2, 0, 0, 0))));
        assertEquals(GlobalStrategy.SPREAD, herded.strategy());
        assertTrue(herded.rationale().contains("other agents send 1.5 tasks a slot there (2 agents)"),
                herded.rationale());
        assertFalse(quiet.rationale().contains("other agents send"), quiet.rationale());
    }

    @Test
    void avoidsOnlyWhatStaysTrueUntilThePriorArrives() {
        Candidate unreliable = new Candidate(node(3, Health.UP, 0.0, 0), 0.5, 1, 0.05, 0.005, 0.001, true);
        StrategyPrior prior = HeuristicPrior.of(obs(self(4.0), peer(1, Health.UP, 0.0, 0, 0.05),
                peer(2, Health.DOWN, 0.0, 0, 0.05), unreliable));
        assertTrue(prior.preferenceFor(3).avoid(), "0.5 failures a second: reliability far below 0.9");
        assertEquals(0.0, prior.preferenceFor(3).preference());
        assertFalse(prior.preferenceFor(2).avoid(), "a node down now may be back when the prior is read");
        assertFalse(prior.preferenceFor(0).avoid(), "a long queue now may have drained");
        assertEquals(HeuristicPrior.MODEL, prior.model());
        assertEquals(5000, prior.issuedMillis());
        assertTrue(prior.rationale().contains("Best node 1"), prior.rationale());
    }

    @Test
    void keepsLocalWhenTheNodeItselfIsBest() {
        StrategyPrior prior = HeuristicPrior.of(obs(self(0.0), peer(1, Health.UP, 0.5, 0, 0.05)));
        assertEquals(GlobalStrategy.KEEP_LOCAL, prior.strategy());
    }

    @Test
    void prefersFastLinksWhenTransferDominates() {
        // 0.3 MB at 1.5 s/MB = 0.45 s of transfer against 0.8 s of compute: more than a quarter
        StrategyPrior prior = HeuristicPrior.of(obs(self(2.5), peer(1, Health.UP, 0.0, 0, 1.5)));
        assertEquals(GlobalStrategy.PREFER_FAST_LINKS, prior.strategy());
    }

    @Test
    void avoidsAFailingRegion() {
        StrategyPrior prior = HeuristicPrior.of(obs(self(1.0), peer(1, Health.UP, 0.0, 3, 0.05),
                peer(2, Health.DOWN, 0.0, 0, 0.05)));
        assertEquals(GlobalStrategy.AVOID_FAILING_REGION, prior.strategy());
    }

    @Test
    void isDeterministic() {
        Observation o = obs(self(1.0), peer(1, Health.UP, 0.3, 1, 0.05), peer(2, Health.UP, 0.1, 0, 0.2));
        PromptContext c = context(o, Map.of(2, new PromptContext.NodeActivity(0.7, 2, 4, 1, 1)));
        assertEquals(HeuristicPrior.of(c), HeuristicPrior.of(c));
    }
}
