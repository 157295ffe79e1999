package org.ledrl.prior.heuristic;

import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Reflection;

/**
 * What the reflective memory's lessons in a prompt ({@link org.ledrl.api.prior.PromptContext#memory()}) say about a
 * candidate, read as data, not as text: the failures per second that the lessons about it saw, and the chance that a
 * task survives its time there at that rate.
 *
 * <p>A lesson about the candidate's node ({@value Reflection#FAILING_NODE}: outages, tasks lost with the node,
 * failed executions) counts over the task's whole stay there (the forecast finish: queue, contention, compute; a
 * task waiting in a queue is lost with the node too); one about the link from the asking node to a one-hop candidate
 * ({@value Reflection#FAILING_LINK}) over its transfer. A lesson's rate is its evidence over its window
 * ({@link Reflection#evidencePerSecond}: from the start of the rule's window before its first evidence up to now),
 * so a lesson that gets no new evidence fades: a node that failed three times in 20 s and never since counts a
 * sixth as much 100 s later. Other kinds (an overloaded node, a slow link, a failing task type) say what the queue
 * forecast and the trend already say, and are not read. Memoryless failures make these lessons noise: the memory
 * stays bounded (its count and age caps), and their rates fall as they age.
 */
final class Lessons {

    /**
     * Below this chance of surviving, a candidate is avoided (as when its reliability estimate misses the
     * threshold): the lessons say a task there is more likely lost than not.
     */
    static final double AVOID_BELOW = 0.5;

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
     * The chance, by the lessons, that a task sent from {@code agent} to {@code c} is not lost: it stays
     * {@code stayS} seconds at the node and {@code transferS} on the link (one hop only: a longer path is not in the
     * lessons). 1 without lessons about either.
     */
    static double survival(List<Reflection> memory, int agent, Candidate c, double stayS, double transferS) {
        if (memory.isEmpty()) {
            return 1.0;
        }
        double nodeRate = nodeRate(memory, c.node());
        double linkRate = c.hops() == 1 ? linkRate(memory, agent, c.node()) : 0.0;
        double hazard = (nodeRate > 0 ? nodeRate * stayS : 0.0) + (linkRate > 0 ? linkRate * transferS : 0.0);
        return Math.exp(-hazard);
    }
}
