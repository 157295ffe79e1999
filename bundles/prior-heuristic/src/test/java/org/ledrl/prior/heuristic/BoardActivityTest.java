package org.ledrl.prior.heuristic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.prior.RefreshPolicy;
import org.ledrl.prior.RefreshingPriorBoard;

/** The prior board's view of every agent's decisions and outcomes, as the heuristic prior reads it. */
class BoardActivityTest {

    /** Agent {@code agent} at second {@code slot}, seeing itself and node 9. */
    private static Observation obs(int agent, int slot) {
        Task task = new Task(slot * 100L + agent, agent, slot * 1000L, 300, 1000, 4.0, "generic");
        NodeStatus self = new NodeStatus(agent, Health.UP, 3.0, 0.2, 0, 0.0, 0.3, Double.NaN, Double.NaN, 0, 0);
        NodeStatus shared = new NodeStatus(9, Health.UP, 3.0, 0.0, 0, 0.0, 0.3, Double.NaN, Double.NaN, 0, 0);
        return new Observation(agent, slot * 1000L, task, List.of(new Candidate(self, 0.001, 0, 0, 0, 0, true),
                new Candidate(shared, 0.001, 1, 0.05, 0.002, 0.001, true)), 0.9);
    }

    @Test
    void promptsCarryTheOtherAgentsInflowAndTheOutcomesAtEachCandidate() {
        RefreshingPriorBoard board = RefreshingPriorBoard.simulated(HeuristicPrior.provider(), RefreshPolicy.defaults(), null);
        for (int slot = 0; slot < 4; slot++) {
            for (int agent = 0; agent < 3; agent++) {
                Observation o = obs(agent, slot);
                board.observe(o);
                board.onDecision(o, Decision.of(9, "test"), 0); // everybody picks node 9: herding
            }
        }
        board.onOutcome(new Outcome(obs(1, 0).task(), 9, 1, FailureReason.DEADLINE_MISSED, 4.0, 0, 3000, -1.1));
        board.onOutcome(new Outcome(obs(2, 0).task(), 9, 1, FailureReason.NONE, 2.0, 0.99, 3000, 0.9));

        Observation asking = obs(0, 4);
        board.observe(asking);
        PromptContext.NodeActivity shared = board.contextFor(asking).trend().activityOf(9);
        assertEquals(2.0, shared.inflowPerSlot(), 1e-9, "agents 1 and 2 sent one task a slot each; agent 0 is asking");
        assertEquals(2, shared.senders());
        assertEquals(2, shared.executed());
        assertEquals(1, shared.deadlineMisses());
        assertEquals(0, shared.failures());
        assertEquals(PromptContext.NodeActivity.NONE, board.contextFor(asking).trend().activityOf(0));

        StrategyPrior prior = HeuristicPrior.of(board.contextFor(asking));
        assertTrue(prior.preferenceFor(9).preference() < prior.preferenceFor(0).preference(),
                "the shared node is contended: " + prior.preferences());
    }

    @Test
    void inflowLooksOnlyAtTheTrendWindowAndANewEpisodeForgetsIt() {
        RefreshPolicy policy = RefreshPolicy.defaults();
        RefreshingPriorBoard board = RefreshingPriorBoard.simulated(HeuristicPrior.provider(), policy, null);
        Observation early = obs(1, 0);
        board.observe(early);
        board.onDecision(early, Decision.of(9, "test"), 0);
        int later = policy.trendWindowSlots() + 5;
        for (int slot = 1; slot <= later; slot++) {
            Observation quiet = obs(1, slot);
            board.observe(quiet);
            board.onDecision(quiet, Decision.of(1, "test"), 0); // keeps its tasks from now on
        }
        Observation lastSlot = obs(2, later);
        board.observe(lastSlot);
        board.onDecision(lastSlot, Decision.of(9, "test"), 0);
        Observation asking = obs(0, later + 1);
        board.observe(asking);
        assertEquals(1.0 / policy.trendWindowSlots(), board.contextFor(asking).trend().activityOf(9).inflowPerSlot(),
                1e-9, "agent 1's task of slot 0 is out of the window, agent 2's of the last slot is in");
        assertEquals(1, board.contextFor(asking).trend().activityOf(9).senders());

        board.onEpisodeEnd(0);
        Observation next = obs(0, 0);
        board.observe(next);
        assertEquals(PromptContext.NodeActivity.NONE, board.contextFor(next).trend().activityOf(1));
    }

    @Test
    void freshPriorsSeeTheTasksOtherAgentsSentEarlierInTheSameSlot() {
        RefreshingPriorBoard board = RefreshingPriorBoard.simulated(HeuristicPrior.provider(), RefreshPolicy.defaults(), null);
        Observation first = obs(1, 0);
        board.observe(first);
        double idle = board.latest(1).preferenceFor(9).preference();
        board.onDecision(first, Decision.of(9, "test"), 0);
        Observation second = obs(2, 0);
        board.observe(second);
        board.onDecision(second, Decision.of(9, "test"), 0);

        Observation asking = obs(0, 0);
        board.observe(asking);
        assertEquals(2, board.contextFor(asking).trend().activityOf(9).sentThisSlot());
        StrategyPrior prior = board.latest(0);
        assertEquals(0, prior.issuedMillis(), "asked and visible in the same slot");
        assertTrue(prior.preferenceFor(9).preference() < idle,
                "two tasks ahead at node 9 lower its preference: " + prior.preferences() + " vs " + idle);
    }

    @Test
    void aHeuristicStandingInForAnLlmGetsItsDelayAndNoInSlotCounts() {
        RefreshPolicy policy = RefreshPolicy.defaults().withDelayMillis(700)
                .withProviderDelay(RefreshPolicy.HEURISTIC_PROVIDER, 700);
        RefreshingPriorBoard board = RefreshingPriorBoard.simulated(HeuristicPrior.provider(), policy, null);
        Observation first = obs(1, 0);
        board.observe(first);
        board.onDecision(first, Decision.of(9, "test"), 0);
        Observation asking = obs(0, 0);
        board.observe(asking);
        assertEquals(0, board.contextFor(asking).trend().activityOf(9).sentThisSlot(),
                "read a slot later, this slot's tasks are gone");
        assertTrue(board.latest(0).isNone(), "the LLM's delay applies");
        board.advanceTo(700);
        assertEquals(0, board.latest(0).issuedMillis());
    }
}
