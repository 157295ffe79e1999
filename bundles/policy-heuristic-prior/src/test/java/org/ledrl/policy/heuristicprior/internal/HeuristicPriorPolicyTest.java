package org.ledrl.policy.heuristicprior.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.PriorConsumer;

class HeuristicPriorPolicyTest {

    private static final Task TASK = new Task(1, 0, 0L, 400, 1000, 4.0, "test");

    private final HeuristicPriorPolicy policy = new HeuristicPriorPolicy();

    private static Candidate candidate(int node, boolean nodeUp, boolean pathUp) {
        NodeStatus status = new NodeStatus(node, nodeUp ? Health.UP : Health.DOWN, 3.0, 0.5, 1, 0.5, 0.3,
                Double.NaN, Double.NaN, 0, 0L);
        return new Candidate(status, 0.02, node == 0 ? 0 : 1, node == 0 ? 0 : 0.05, node == 0 ? 0 : 0.002, 0.01,
                pathUp);
    }

    private static Candidate up(int node) {
        return candidate(node, true, true);
    }

    private static StrategyPrior prior(NodePreference... preferences) {
        return new StrategyPrior(0, List.of(preferences), GlobalStrategy.SPREAD, "test", "heuristic", 0L);
    }

    private static NodePreference prefer(int node, double preference) {
        return new NodePreference(node, preference, false);
    }

    private static NodePreference avoid(int node, double preference) {
        return new NodePreference(node, preference, true);
    }

    private int decide(StrategyPrior prior, Candidate... candidates) {
        return policy.decide(new Observation(0, 0L, TASK, List.of(candidates), 0.9), prior).target();
    }

    @Test
    void picksTheAvailableCandidateThePriorPrefersMost() {
        StrategyPrior prior = prior(prefer(0, 0.2), prefer(1, 0.7), prefer(2, 0.9), prefer(3, 0.4));
        assertEquals(2, decide(prior, up(0), up(1), up(2), up(3)));
    }

    @Test
    void skipsUnavailableCandidatesHoweverPreferred() {
        StrategyPrior prior = prior(prefer(0, 0.1), prefer(1, 0.99), prefer(2, 0.95), prefer(3, 0.3));
        Candidate nodeDown = candidate(1, false, true);
        Candidate pathDown = candidate(2, true, false);
        assertEquals(3, decide(prior, up(0), nodeDown, pathDown, up(3)));
    }

    @Test
    void skipsAvoidedCandidatesHoweverPreferred() {
        StrategyPrior prior = prior(prefer(0, 0.3), avoid(1, 0.99), prefer(2, 0.5));
        assertEquals(2, decide(prior, up(0), up(1), up(2)));
        // an avoided agent node loses to a less preferred neighbour that is not avoided
        assertEquals(1, decide(prior(avoid(0, 0.9), prefer(1, 0.1)), up(0), up(1)));
    }

    @Test
    void whenEveryAvailableCandidateIsAvoidedTakesTheMostPreferredOfThem() {
        StrategyPrior prior = prior(avoid(0, 0.2), avoid(1, 0.6), avoid(2, 0.4), prefer(3, 0.99));
        // node 3 is not avoided but unreachable, so it cannot be the answer
        assertEquals(1, decide(prior, up(0), up(1), up(2), candidate(3, false, true)));
    }

    @Test
    void keepsTheTaskWhenNothingIsAvailable() {
        StrategyPrior prior = prior(prefer(0, 0.1), prefer(1, 0.9));
        assertEquals(0, decide(prior, candidate(0, false, true), candidate(1, true, false)));
    }

    @Test
    void aTieAndAPriorThatSaysNothingKeepTheEarlierCandidate() {
        assertEquals(0, decide(StrategyPrior.none(0), up(0), up(1), up(2)));
        assertEquals(1, decide(prior(prefer(0, 0.2), prefer(1, 0.8), prefer(2, 0.8)), up(0), up(1), up(2)));
        // a node the prior does not name counts as preference 0.5, not avoided
        assertEquals(2, decide(prior(prefer(0, 0.2), prefer(1, 0.4)), up(0), up(1), up(2)));
    }

    @Test
    void declaresFreshHeuristicPriorsAndIsStateless() {
        PriorConsumer.PriorNeeds needs = policy.priorNeeds();
        assertEquals(PriorConsumer.Source.HEURISTIC, needs.source());
        assertFalse(needs.reflection(), "no reflective memory");
        assertFalse(needs.onDecisionPath(), "reads the board, never asks the provider itself");
        assertSame(policy, policy.forRun(7), "one instance serves every run");
        assertEquals("heuristic-prior", policy.name());
        assertEquals("heuristic-prior", policy.decide(new Observation(0, 0L, TASK, List.of(up(0)), 0.9),
                StrategyPrior.none(0)).policy());
    }
}
