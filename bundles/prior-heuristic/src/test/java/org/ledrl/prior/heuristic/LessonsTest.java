package org.ledrl.prior.heuristic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Reflection;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.prior.PromptContext;

/** The heuristic reads the lessons a prompt carries as data: a lesson about a failing node or link lowers it. */
class LessonsTest {

    private static final Task TASK = new Task(1, 0, 0, 300, 1000, 4.0, "generic"); // 0.8 s of compute at 3 GHz

    private static Candidate candidate(int id, int hops, double queueS) {
        return new Candidate(new NodeStatus(id, Health.UP, 3.0, 0.2, 1, queueS, 0.3, Double.NaN, Double.NaN, 0, 0),
                0.001, hops, hops == 0 ? 0 : 0.05, hops == 0 ? 0 : 0.005, 0.001 * hops, true);
    }

    private static final Observation OBS = new Observation(0, 50_000, TASK,
            List.of(candidate(0, 0, 1.0), candidate(1, 1, 0.0), candidate(2, 1, 0.0)), 0.9);

    private static PromptContext with(List<Reflection> lessons) {
        return new PromptContext(OBS, PromptContext.Trend.empty(), lessons);
    }

    /** {@code evidence} failures over {@code windowS} seconds. */
    private static Reflection lesson(String kind, String subject, int evidence, double windowS) {
        return new Reflection(subject, subject + " failed " + evidence + " times", evidence, 49_000, kind,
                (long) (windowS * 1000));
    }

    @Test
    void aLessonAboutAFailingNodeLowersThatNodesPreferenceOnly() {
        StrategyPrior without = HeuristicPrior.of(with(List.of()));
        // 4 failures in 20 s: 0.2 a second, over at least 0.5 tasks a second ending there: 40% of its tasks
        StrategyPrior with = HeuristicPrior.of(with(List.of(lesson(Reflection.FAILING_NODE, "node:1", 4, 20))));
        double before = without.preferenceFor(1).preference();
        assertEquals(before * 0.6, with.preferenceFor(1).preference(), 2e-3); // both rounded to 0.001
        assertTrue(with.preferenceFor(1).preference() < before, "node 1 is less preferred");
        assertFalse(with.preferenceFor(1).avoid());
        assertEquals(without.preferenceFor(0), with.preferenceFor(0), "the asking node is unchanged");
        assertEquals(without.preferenceFor(2), with.preferenceFor(2), "node 2 is unchanged");
    }

    @Test
    void aNodeLikelierToLoseTheTaskThanNotIsAvoided() {
        // 20 failures in 20 s over at most 0.5 tasks a second: most of its tasks (at most 0.9) are lost
        StrategyPrior prior = HeuristicPrior.of(with(List.of(lesson(Reflection.FAILING_NODE, "node:2", 20, 20))));
        assertTrue(prior.preferenceFor(2).avoid(), prior.toString());
        assertEquals(0.0, prior.preferenceFor(2).preference());
        assertTrue(prior.rationale().contains("Lessons avoid 1 more"), prior.rationale());
    }

    @Test
    void aFailingLinkCountsOverTheTransferAndOtherKindsAndOldLessonsCountLess() {
        StrategyPrior without = HeuristicPrior.of(with(List.of()));
        // link 0-1: 10 lost transfers in 10 s, over a 20 ms transfer
        StrategyPrior link = HeuristicPrior.of(with(List.of(lesson(Reflection.FAILING_LINK, "link:0-1", 10, 10))));
        assertTrue(link.preferenceFor(1).preference() < without.preferenceFor(1).preference());
        assertEquals(without.preferenceFor(2), link.preferenceFor(2));
        // an overloaded-node lesson says what the queue forecast says: not read
        StrategyPrior overloaded = HeuristicPrior.of(with(List.of(lesson("overloaded-node", "node:1", 10, 20))));
        assertEquals(without.preferenceFor(1), overloaded.preferenceFor(1));
        // the same evidence over a longer window (no evidence since) weighs less
        StrategyPrior fresh = HeuristicPrior.of(with(List.of(lesson(Reflection.FAILING_NODE, "node:1", 4, 20))));
        StrategyPrior old = HeuristicPrior.of(with(List.of(lesson(Reflection.FAILING_NODE, "node:1", 4, 120))));
        assertTrue(old.preferenceFor(1).preference() > fresh.preferenceFor(1).preference());
    }

    @Test
    void theSameFailuresAtABusyNodeAreASmallerShareOfItsTasks() {
        List<Reflection> lessons = List.of(lesson(Reflection.FAILING_NODE, "node:1", 4, 20));
        StrategyPrior without = HeuristicPrior.of(with(List.of()));
        // 60 tasks ended at node 1 in the trend's 20 slots: 3 a second, so 0.2 failures a second are 1 in 15
        PromptContext.Trend busy = new PromptContext.Trend(20, 60, 0.8, 1.0, Map.of(),
                Map.of(1, new PromptContext.NodeActivity(0, 0, 60, 0, 4)));
        StrategyPrior busyWithout = HeuristicPrior.of(new PromptContext(OBS, busy, List.of()));
        StrategyPrior busyWith = HeuristicPrior.of(new PromptContext(OBS, busy, lessons));
        // (the preference without lessons is rounded to 0.001 before this product, so allow that much)
        assertEquals(busyWithout.preferenceFor(1).preference() * (1 - 0.2 / 3),
                busyWith.preferenceFor(1).preference(), 2e-3);
        StrategyPrior idleWith = HeuristicPrior.of(with(lessons));
        assertTrue(busyWith.preferenceFor(1).preference() / busyWithout.preferenceFor(1).preference()
                > idleWith.preferenceFor(1).preference() / without.preferenceFor(1).preference());
    }

    @Test
    void promptsWithAndWithoutLessonsDifferOnlyInTheLessons() {
        List<Reflection> lessons = List.of(lesson(Reflection.FAILING_NODE, "node:1", 4, 20));
        PromptContext without = with(List.of());
        PromptContext withLessons = with(lessons);
        assertEquals(without.observation(), withLessons.observation());
        assertEquals(without.trend(), withLessons.trend());
        assertEquals(lessons, withLessons.memory());
        assertEquals(HeuristicPrior.of(OBS), HeuristicPrior.of(without), "no lessons: the prior of the observation");
    }
}
