package org.ledrl.prior.heuristic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
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

    @Test
    void prefersTheFastReliableNeighbourAndAvoidsOverloadedAndDownNodes() {
        StrategyPrior prior = HeuristicPrior.of(obs(self(4.0), peer(1, Health.UP, 0.0, 0, 0.05),
                peer(2, Health.DOWN, 0.0, 0, 0.05), peer(3, Health.UP, 1.0, 0, 0.05)));
        assertTrue(prior.preferenceFor(0).avoid(), "4 s of queue misses the 4 s deadline");
        assertEquals(0.0, prior.preferenceFor(0).preference());
        assertTrue(prior.preferenceFor(2).avoid());
        assertFalse(prior.preferenceFor(1).avoid());
        assertTrue(prior.preferenceFor(1).preference() > prior.preferenceFor(3).preference());
        assertEquals(GlobalStrategy.SPREAD, prior.strategy());
        assertEquals(HeuristicPrior.MODEL, prior.model());
        assertEquals(5000, prior.issuedMillis());
        assertTrue(prior.rationale().contains("Best node 1"), prior.rationale());
    }

    @Test
    void keepsLocalWhenTheNodeItselfIsBest() {
        StrategyPrior prior = HeuristicPrior.of(obs(self(0.0), peer(1, Health.UP, 0.5, 0, 0.05)));
        assertEquals(GlobalStrategy.KEEP_LOCAL, prior.strategy());
        assertTrue(prior.preferenceFor(0).preference() > prior.preferenceFor(1).preference());
    }

    @Test
    void prefersFastLinksWhenTransferDominates() {
        // 0.3 MB at 1.5 s/MB = 0.45 s of transfer against 0.8 s of compute: more than a quarter
        StrategyPrior prior = HeuristicPrior.of(obs(self(2.5), peer(1, Health.UP, 0.0, 0, 1.5)));
        assertEquals(GlobalStrategy.PREFER_FAST_LINKS, prior.strategy());
    }

    @Test
    void avoidsAFailingRegionAndPenalisesRecentFailures() {
        StrategyPrior prior = HeuristicPrior.of(obs(self(1.0), peer(1, Health.UP, 0.0, 3, 0.05),
                peer(2, Health.DOWN, 0.0, 0, 0.05)));
        assertEquals(GlobalStrategy.AVOID_FAILING_REGION, prior.strategy());
        StrategyPrior healthy = HeuristicPrior.of(obs(self(1.0), peer(1, Health.UP, 0.0, 0, 0.05)));
        assertTrue(prior.preferenceFor(1).preference() < healthy.preferenceFor(1).preference());
    }

    @Test
    void isDeterministic() {
        Observation o = obs(self(1.0), peer(1, Health.UP, 0.3, 1, 0.05), peer(2, Health.UP, 0.1, 0, 0.2));
        assertEquals(HeuristicPrior.of(o), HeuristicPrior.of(o));
    }
}
