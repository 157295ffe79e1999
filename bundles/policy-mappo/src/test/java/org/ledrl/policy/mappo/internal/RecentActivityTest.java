package org.ledrl.policy.mappo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ledrl.policy.mappo.internal.Fixtures.candidate;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Task;
import org.ledrl.policy.mappo.ObservationEncoder;
import org.ledrl.policy.mappo.RecentActivity;

class RecentActivityTest {

    private static final List<Candidate> CANDIDATES = List.of(candidate(0, 0, Health.UP, true, 0.0),
            candidate(1, 1, Health.UP, true, 0.0), candidate(2, 1, Health.UP, true, 0.0));

    private static Observation at(int agent, long millis) {
        Task task = new Task(millis + agent, agent, millis, 300, 1000, 4.0, "test");
        return new Observation(agent, millis, task, CANDIDATES, 0.9);
    }

    @Test
    void countsWhatWasSentThisSlotAndFoldsItIntoTheUsualInflow() {
        RecentActivity activity = new RecentActivity();
        Candidate one = CANDIDATES.get(1);
        activity.sent(at(0, 0), 1);
        activity.sent(at(2, 0), 1);
        RecentActivity.Figures now = activity.figures(3, 0, one);
        assertEquals(2, now.sentThisSlot());
        double compute = one.computeSeconds(at(0, 0).task());
        assertEquals(2 * compute, now.workThisSlotS(), 1e-12);
        assertEquals(0.0, now.inflowPerSlot(), 1e-12);
        // the next slot: nothing sent yet, the two of the last slot are in the usual inflow (weight 0.2)
        RecentActivity.Figures next = activity.figures(3, 1_000, one);
        assertEquals(0, next.sentThisSlot());
        assertEquals(0.4, next.inflowPerSlot(), 1e-12);
        activity.sent(at(0, 1_000), 2);
        assertEquals(0.4, activity.figures(3, 1_000, one).inflowPerSlot(), 1e-12);
        // two slots later with nothing sent: decays once more per slot
        assertEquals(0.4 * 0.8, activity.figures(3, 2_000, one).inflowPerSlot(), 1e-12);
        assertEquals(0.4 * 0.8 * 0.8, activity.figures(3, 3_000, one).inflowPerSlot(), 1e-12);
    }

    @Test
    void remembersHowAnAgentsTasksEndedAtEachNodeAndForgetsAtTheEpisodesEnd() {
        RecentActivity activity = new RecentActivity();
        Task task = at(0, 0).task();
        activity.onOutcome(new Outcome(task, 2, 1, FailureReason.DEADLINE_MISSED, 1, 0, 1_000, -1));
        activity.onOutcome(new Outcome(task, 2, 1, FailureReason.DEADLINE_MISSED, 1, 0, 1_000, -1));
        RecentActivity.Figures f = activity.figures(0, 2_000, CANDIDATES.get(2));
        assertEquals(0.5 * 0.8 * 0.8, f.recentSuccess(), 1e-12);
        assertEquals(1.8, f.recentTasks(), 1e-12);
        assertEquals(0.5, activity.figures(1, 2_000, CANDIDATES.get(2)).recentSuccess(), 1e-12, "another agent");
        activity.sent(at(0, 2_000), 2);
        activity.onEpisodeEnd(0);
        RecentActivity.Figures fresh = activity.figures(0, 2_000, CANDIDATES.get(2));
        assertEquals(new RecentActivity.Figures(0, 0, 0, 0.5, 0), fresh);
    }

    @Test
    void outcomeHistoriesAreBoundedAndWhatIsNotKeptIsCounted() {
        RecentActivity activity = new RecentActivity();
        Task task = at(0, 0).task();
        int pushed = 1_000_000;
        for (int i = 0; i < pushed; i++) {
            Task other = new Task(i, i, 0, 300, 1000, 4.0, "test");
            activity.onOutcome(new Outcome(other, i % 7, 1, FailureReason.NONE, 1, 1, 1_000, 1));
            assertTrue(activity.pairs() <= RecentActivity.MAX_PAIRS);
        }
        assertEquals(RecentActivity.MAX_PAIRS, activity.pairs());
        assertEquals(pushed - RecentActivity.MAX_PAIRS, activity.dropped());
        activity.sent(new Observation(0, 0, task, List.of(candidate(RecentActivity.MAX_NODE + 1, 0, Health.UP, true,
                0.0)), 0.9), 0);
        assertEquals(pushed - RecentActivity.MAX_PAIRS + 1, activity.dropped(), "a node id beyond the bound");
    }

    @Test
    void theEncoderWritesTheActivityOfEachCandidate() {
        ObservationEncoder encoder = new ObservationEncoder(4);
        RecentActivity activity = new RecentActivity();
        activity.sent(at(0, 0), 1);
        float[] tokens = new float[encoder.observationSize()];
        float[] masks = new float[4];
        Observation o = at(2, 0);
        encoder.encode(o, org.ledrl.api.model.StrategyPrior.none(2), activity, tokens, masks, 0);
        int f = encoder.features();
        int at = ObservationEncoder.FEATURES.size();
        assertEquals(0.2f, tokens[f + at], 1e-6, "one task sent to candidate 1 this slot, / 5");
        assertEquals(0f, tokens[at], 1e-6, "none to candidate 0");
        double work = CANDIDATES.get(1).computeSeconds(o.task());
        assertEquals((float) (work / 4.0), tokens[f + at + 1], 1e-6);
        double finish = CANDIDATES.get(1).estimatedLatency(o.task()) + work;
        assertEquals((float) (finish / 4.0), tokens[f + at + 2], 1e-6);
        assertEquals(0.5f, tokens[f + at + 5], 1e-6, "no outcome yet");
        assertTrue(ObservationEncoder.forLayout("ledrl-candidates/1", 4).isEmpty(), "the first layout is gone");
    }
}
