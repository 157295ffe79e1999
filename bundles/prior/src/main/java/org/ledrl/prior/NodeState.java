package org.ledrl.prior;

import java.util.HashMap;
import java.util.Map;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Observation;
import org.ledrl.prior.RefreshingPriorBoard.Trigger;

/**
 * What a prior board remembers of one node's view, to tell when it changed enough to ask again.
 * Bounded by the node's candidates (cleared at each view). Guarded by the board's lock.
 */
final class NodeState {
    final int node;
    boolean inFlight;
    boolean eventPending;
    long requestedSlot = Long.MIN_VALUE;
    final Map<Integer, double[]> loadAtRequest = new HashMap<>();
    final Map<Integer, Boolean> availableLastSeen = new HashMap<>();
    final Map<Integer, Integer> failuresLastSeen = new HashMap<>();

    NodeState(int node) {
        this.node = node;
    }

    boolean sees(int other) {
        return availableLastSeen.containsKey(other);
    }

    Trigger due(Observation obs, RefreshPolicy policy) {
        if (requestedSlot == Long.MIN_VALUE) {
            return Trigger.INITIAL;
        }
        if (eventPending || changedHealth(obs)) {
            return Trigger.EVENT;
        }
        if (Math.floorDiv(obs.timeMillis(), policy.slotMillis()) - requestedSlot >= policy.everySlots()) {
            return Trigger.PERIODIC;
        }
        for (Candidate c : obs.candidates()) {
            double[] before = loadAtRequest.get(c.node());
            if (before != null && (changed(before[0], c.status().cpuLoad(), policy.loadChange())
                    || changed(before[1], c.status().queueSeconds(), policy.queueChangeS()))) {
                return Trigger.LOAD_CHANGE;
            }
        }
        return null;
    }

    /** A candidate went down or came back, appeared or vanished, or reported a new failure. */
    private boolean changedHealth(Observation obs) {
        if (obs.candidates().size() != availableLastSeen.size()) {
            return true;
        }
        for (Candidate c : obs.candidates()) {
            Boolean before = availableLastSeen.get(c.node());
            Integer failures = failuresLastSeen.get(c.node());
            if (before == null || before != c.available()
                    || (failures != null && c.status().recentFailures() > failures)) {
                return true;
            }
        }
        return false;
    }

    private static boolean changed(double before, double after, double threshold) {
        return Double.isFinite(before) && Double.isFinite(after) && Math.abs(after - before) >= threshold;
    }

    void saw(Observation obs) {
        availableLastSeen.clear();
        failuresLastSeen.clear();
        for (Candidate c : obs.candidates()) {
            availableLastSeen.put(c.node(), c.available());
            failuresLastSeen.put(c.node(), c.status().recentFailures());
        }
    }

    void requested(Observation obs, RefreshPolicy policy) {
        inFlight = true;
        eventPending = false;
        requestedSlot = Math.floorDiv(obs.timeMillis(), policy.slotMillis());
        loadAtRequest.clear();
        for (Candidate c : obs.candidates()) {
            loadAtRequest.put(c.node(), new double[] {c.status().cpuLoad(), c.status().queueSeconds()});
        }
    }
}
