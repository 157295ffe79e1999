package org.ledrl.prior.heuristic;

import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Reflection;

/**
 * What the reflective memory's lessons in a prompt ({@link org.ledrl.api.prior.PromptContext#memory()}) say about a
 * candidate, read as data, not as text: the failures per second that the lessons about it saw, and the chance that a
 * task sent there is not lost.
 *
 * <p>A lesson about the candidate's node ({@value Reflection#FAILING_NODE}: outages, tasks lost with the node,
 * failed executions) counts as a share of the tasks that end there: its failures per second over the tasks per
 * second that ended there lately (the board's trend); one about the link from the asking node to a one-hop candidate
 * ({@value Reflection#FAILING_LINK}) over the task's transfer. A lesson's rate is its evidence over its window
 * ({@link Reflection#evidencePerSecond}: from the start of the rule's window before its first evidence up to now),
 * so a lesson that gets no new evidence fades: a node that failed three times in 20 s and never since counts a
 * sixth as much 100 s later. Other kinds (an overloaded node, a slow link, a failing task type) say what the queue
 * forecast and the trend already say, and are not read. Memoryless failures make these lessons noise: the memory
 * stays bounded (its count and age caps), and their rates fall as they age.
 */
final class Lessons {

    /**
     * Below this chance of surviving, a candidate is avoided (as when its reliability estimate misses the
     * threshold): the lessons say a task there is more likely lost than not. Chosen on validation seeds (101..110,
     * flaky-20 / bursty-20, ledrl against ledrl-no-reflection): 0 and 0.5 gave -0.1 / +0.0 and -0.0 / +0.0 points;
     * with the earlier rule (failures per second over the whole stay, not per task) 0.5 gave -0.0 / -0.1 and 0.8
     * gave -1.7 / -1.8: avoiding more costs capacity that a loaded network needs.
     */
    static final double AVOID_BELOW = 0.5;
    /** A node's task rate is counted as at least this, so that a node with few recent tasks is not all risk. */
    static final double MIN_TASKS_PER_S = 0.5;
    /** The most of a node's tasks the lessons count as lost. */
    static final double MAX_SHARE = 0.9;

    private Lessons() {
    }

    /** Failures per second the lessons saw at {@code node}. */
    static double nodeRate(List<Reflection> memory, int node) {
        double rate = 0;
        for (Reflection lesson : memory) {
            if (lesson.kind().equals(Reflection.FAILING_NODE) && lesson.isAboutNode(node)) {
                rate += lesson.evidencePerSecond();
            }
        }
        return rate;
    }

    /** Failures per second the lessons saw on the link between {@code a} and {@code b}. */
    static double linkRate(List<Reflection> memory, int a, int b) {
        double rate = 0;
        for (Reflection lesson : memory) {
            if (lesson.kind().equals(Reflection.FAILING_LINK) && lesson.isAboutLink(a, b)) {
                rate += lesson.evidencePerSecond();
            }
        }
        return rate;
    }

    /**
     * The chance, by the lessons, that a task sent from {@code agent} to {@code c} is not lost. At the node: the
     * lessons' failures there per second over the tasks that ended there per second (the board's trend,
     * {@code executedPerS}, at least {@value #MIN_TASKS_PER_S}): a share of tasks, at most {@value #MAX_SHARE}, since
     * a busy node fails more tasks per second than an idle one at the same risk per task. On the link (one hop only:
     * a longer path is not in the lessons): its failures per second over the transfer, {@code transferS}. 1 without
     * lessons about either.
     */
    static double survival(List<Reflection> memory, int agent, Candidate c, double executedPerS, double transferS) {
        if (memory.isEmpty()) {
            return 1.0;
        }
        double nodeRate = nodeRate(memory, c.node());
        double linkRate = c.hops() == 1 ? linkRate(memory, agent, c.node()) : 0.0;
        double share = nodeRate > 0 ? Math.min(MAX_SHARE, nodeRate / Math.max(MIN_TASKS_PER_S, executedPerS)) : 0.0;
        return (1.0 - share) * (linkRate > 0 ? Math.exp(-linkRate * transferS) : 1.0);
    }
}
