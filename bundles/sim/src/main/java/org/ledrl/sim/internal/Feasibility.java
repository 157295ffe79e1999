package org.ledrl.sim.internal;

import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;

/**
 * The headroom's rule: whether a task could succeed on a candidate, whatever else the network was doing, given the
 * failures that actually happened. A task could succeed on candidate {@code c}, looked at when it arrives at time
 * {@code a}, only if all of these hold:
 * <ol>
 * <li>{@code c} is available at {@code a} (node up, every link and relay of its path up);</li>
 * <li>its estimated reliability, {@link Candidate#estimatedReliability}, reaches the threshold (the simulator judges
 * a finished task by exactly this);</li>
 * <li>the task's execution does not fail there (the execution draw is per task, so with every node alike it fails
 * wherever it runs; with {@link FaultProfile} factors the same draw is held against each node's rate);</li>
 * <li>no hop loses it: at each hop one of the allowed attempts gets through (transfer draws are per task, hop index
 * and attempt, held against the link's rate), and each failed attempt delays it by at least the hop's time plus the
 * resend timeout;</li>
 * <li>with an empty queue, transfer + resend delays + compute is within the deadline;</li>
 * <li>no element it needs fails in the time it needs it: no link or node of hop {@code k} between {@code a} and the
 * earliest time hop {@code k} can arrive, and not the executor between {@code a} and the earliest finish.</li>
 * </ol>
 * Each condition is necessary in the simulator (a queue only delays a task, so every window is at least as long as
 * assumed here), so a task that fails them fails under every policy. Where a value is only bounded, the bound that
 * keeps more tasks is used: hop times from the link's rate range, failure times to the millisecond of their events.
 */
public final class Feasibility {

    /** Float slack between the candidate's transfer estimate and the simulator's hop-by-hop sum. */
    static final double EPSILON_S = 1e-9;

    /** The failure draws of a task; {@link #NONE} without execution and transmission failures. */
    public interface Losses {

        Losses NONE = new Losses() {
            @Override
            public boolean executionFails(Task task, int node) {
                return false;
            }

            @Override
            public int failedAttempts(Task task, int hop, int link) {
                return 0;
            }
        };

        /** Whether the task's execution fails if it runs at {@code node}. */
        boolean executionFails(Task task, int node);

        /**
         * Attempts at the {@code hop}-th hop of a path, over {@code link}, that fail before one gets through; -1 when
         * all allowed do.
         */
        int failedAttempts(Task task, int hop, int link);
    }

    /** The node and link failures that happened. */
    public interface Failures {

        /** Whether {@code node} surely failed after {@code afterMillis} (an arrival) and before {@code beforeS}. */
        boolean node(int node, long afterMillis, double beforeS);

        /** Whether {@code link} surely failed after {@code afterMillis} and before {@code beforeS}. */
        boolean link(int link, long afterMillis, double beforeS);
    }

    private final double retransmitTimeoutS;

    public Feasibility(double retransmitTimeoutS) {
        if (!(retransmitTimeoutS >= 0) || Double.isInfinite(retransmitTimeoutS)) {
            throw new IllegalArgumentException("the resend timeout must be a finite number >= 0, not "
                    + retransmitTimeoutS);
        }
        this.retransmitTimeoutS = retransmitTimeoutS;
    }

    /** Whether the observed task could succeed on some candidate; {@code routes} align with its candidates. */
    public boolean anywhere(Observation observation, Route[] routes, Losses losses, Failures failures) {
        if (routes.length != observation.candidates().size()) {
            throw new IllegalArgumentException("one route per candidate: " + observation.candidates().size()
                    + " candidates, " + routes.length + " routes");
        }
        for (int i = 0; i < routes.length; i++) {
            if (on(observation, i, routes[i], losses, failures)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the observed task could succeed on candidate {@code index}, reached by {@code route}. */
    public boolean on(Observation observation, int index, Route route, Losses losses, Failures failures) {
        Candidate candidate = observation.candidates().get(index);
        if (route.target() != candidate.node() || route.hops() != candidate.hops()) {
            throw new IllegalArgumentException("the route to node " + route.target() + " over " + route.hops()
                    + " hops does not lead to candidate " + candidate.node() + " (" + candidate.hops() + " hops)");
        }
        Task task = observation.task();
        if (!candidate.available() || candidate.estimatedReliability(task) < observation.reliabilityThreshold()
                || losses.executionFails(task, candidate.node())) {
            return false;
        }
        long at = observation.timeMillis();
        double arrival = at / 1000.0;
        double transfer = candidate.transferSeconds(task);
        double sizeMB = task.sizeMB();
        double fastestSoFar = 0;
        double delay = 0;
        for (int k = 0; k < route.hops(); k++) {
            int failed = losses.failedAttempts(task, k, route.links()[k]);
            if (failed < 0) {
                return false;
            }
            double fastest = route.fastestHop(k, sizeMB);
            fastestSoFar += fastest;
            delay += failed * (fastest + retransmitTimeoutS);
            // hop k arrives no sooner than the sum of the fastest hops so far, nor than the whole transfer less the
            // most the later hops can take; and later by the failed attempts
            double slowestAfter = 0;
            for (int j = k + 1; j < route.hops(); j++) {
                slowestAfter += route.slowestHop(j, sizeMB);
            }
            double arrives = arrival + Math.max(fastestSoFar, transfer - slowestAfter) + delay;
            if (failures.link(route.links()[k], at, arrives) || failures.node(route.nodes()[k], at, arrives)
                    || failures.node(route.nodes()[k + 1], at, arrives)) {
                return false;
            }
        }
        double finish = transfer + delay + candidate.computeSeconds(task);
        return finish <= task.deadlineS() + EPSILON_S && !failures.node(candidate.node(), at, arrival + finish);
    }
}
