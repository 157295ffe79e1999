package org.ledrl.sim.internal;

import static org.ledrl.sim.internal.Draws.LINK_STREAM;
import static org.ledrl.sim.internal.Draws.NODE_STREAM;

import java.util.List;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.sim.Scenario;

/**
 * The failures and recoveries of every node and link: Poisson failures (node hardware or software, link), each
 * element drawing from its own hash stream of the episode seed, at the base rate times the element's factor
 * ({@link FaultProfile}: its reliability multiplier, and its bad-state factor while in a burst), and a rejoin at a
 * slot boundary with the scenario's probability per slot. A failed node's queue empties (every task there ended at the failure, which
 * dispatch already decided). Keeps the last {@value #RECENT_KEPT} failure times per element for the "recent
 * failures" a node's status reports.
 */
public final class FailureProcesses {

    /** How far back "recent failures" look, in slots. */
    private static final int RECENT_SLOTS = 20;
    private static final int RECENT_KEPT = 8;

    private final Network net;
    private final FaultProfile profile;
    private final Scenario.Failures failures;
    private final double slotS;
    private final double nodeRate;
    private final double hardwareShare;
    private final double linkRate;
    private final boolean[] nodeUp;
    private final double[] nodeNextFailure;
    private final boolean[] nodeNextHardware;
    private final double[] nodeRejoin;
    private final long[] nodeStream;
    private final double[] nodeRecent;
    private final int[] nodeRecentCount;
    private final boolean[] linkUp;
    private final double[] linkNextFailure;
    private final double[] linkRestore;
    private final long[] linkStream;

    /** With {@code profile}'s factors on the base rates; {@link #reset} draws its bursts for each episode. */
    public FailureProcesses(Network net, FaultProfile profile, Scenario.Failures failures, double slotS) {
        this.net = net;
        this.profile = profile;
        this.failures = failures;
        this.slotS = slotS;
        this.nodeRate = failures.nodeRate();
        this.hardwareShare = nodeRate > 0 ? failures.nodeHardwareRate() / nodeRate : 0.5;
        this.linkRate = failures.linkRate();
        int n = net.nodes;
        nodeUp = new boolean[n];
        nodeNextFailure = new double[n];
        nodeNextHardware = new boolean[n];
        nodeRejoin = new double[n];
        nodeStream = new long[n];
        nodeRecent = new double[n * RECENT_KEPT];
        nodeRecentCount = new int[n];
        int m = net.links;
        linkUp = new boolean[m];
        linkNextFailure = new double[m];
        linkRestore = new double[m];
        linkStream = new long[m];
    }

    /** Every node and link up, with its first failure drawn from the episode's seed, and the profile's bursts. */
    public void reset(long seed) {
        profile.reset(seed);
        for (int i = 0; i < net.nodes; i++) {
            nodeStream[i] = Mix.hash(seed, NODE_STREAM, i);
            nodeUp[i] = true;
            nodeRecentCount[i] = 0;
            scheduleNodeFailure(i, 0.0);
        }
        for (int l = 0; l < net.links; l++) {
            linkStream[l] = Mix.hash(seed, LINK_STREAM, l);
            linkUp[l] = true;
            linkNextFailure[l] = profile.nextLinkFailure(l, 0.0, nextLink(l), linkRate);
        }
    }

    /** The factors on the base rates. */
    public FaultProfile profile() {
        return profile;
    }

    public boolean nodeUp(int node) {
        return nodeUp[node];
    }

    public boolean linkUp(int link) {
        return linkUp[link];
    }

    /** When the node fails next (while it is up). */
    public double nodeNextFailure(int node) {
        return nodeNextFailure[node];
    }

    /** When the link fails next (while it is up). */
    public double linkNextFailure(int link) {
        return linkNextFailure[link];
    }

    /** The node's failures within the last {@value #RECENT_SLOTS} slots before {@code now}. */
    public int recentNodeFailures(int node, double now) {
        int kept = Math.min(nodeRecentCount[node], RECENT_KEPT);
        int recent = 0;
        for (int k = 0; k < kept; k++) {
            if (nodeRecent[node * RECENT_KEPT + k] > now - RECENT_SLOTS * slotS) {
                recent++;
            }
        }
        return recent;
    }

    /** Moves every node and link through the failures and recoveries up to {@code until}, reporting them. */
    public void advance(double until, NodeQueues queues, List<EnvironmentEvent> events) {
        for (int i = 0; i < net.nodes; i++) {
            while (true) {
                if (nodeUp[i] && nodeNextFailure[i] <= until) {
                    double at = nodeNextFailure[i];
                    nodeUp[i] = false;
                    queues.failed(i);
                    nodeRejoin[i] = rejoinTime(at, nextNode(i), failures.rejoinProbability());
                    remember(i, at);
                    events.add(new EnvironmentEvent(SimTime.millis(at), nodeNextHardware[i]
                            ? EnvironmentEvent.Type.NODE_HARDWARE_FAILURE : EnvironmentEvent.Type.NODE_SOFTWARE_FAILURE,
                            i, -1));
                } else if (!nodeUp[i] && nodeRejoin[i] <= until) {
                    double at = nodeRejoin[i];
                    nodeUp[i] = true;
                    queues.busyUntil(i, at);
                    scheduleNodeFailure(i, at);
                    events.add(new EnvironmentEvent(SimTime.millis(at), EnvironmentEvent.Type.NODE_REJOINED, i, -1));
                } else {
                    break;
                }
            }
        }
        for (int l = 0; l < net.links; l++) {
            while (true) {
                if (linkUp[l] && linkNextFailure[l] <= until) {
                    double at = linkNextFailure[l];
                    linkUp[l] = false;
                    linkRestore[l] = rejoinTime(at, nextLink(l), failures.linkRestoreProbability());
                    events.add(new EnvironmentEvent(SimTime.millis(at), EnvironmentEvent.Type.LINK_FAILED,
                            net.linkA[l], net.linkB[l]));
                } else if (!linkUp[l] && linkRestore[l] <= until) {
                    double at = linkRestore[l];
                    linkUp[l] = true;
                    linkNextFailure[l] = profile.nextLinkFailure(l, at, nextLink(l), linkRate);
                    events.add(new EnvironmentEvent(SimTime.millis(at), EnvironmentEvent.Type.LINK_RESTORED,
                            net.linkA[l], net.linkB[l]));
                } else {
                    break;
                }
            }
        }
    }

    private void scheduleNodeFailure(int i, double from) {
        nodeNextFailure[i] = profile.nextNodeFailure(i, from, nextNode(i), nodeRate);
        nodeNextHardware[i] = nextNode(i) < hardwareShare;
    }

    /** A down element gets a chance to come back at each slot boundary after it failed. */
    private double rejoinTime(double failedAt, double u, double probability) {
        return (Math.floor(failedAt / slotS) + Mix.geometric(u, probability)) * slotS;
    }

    private double nextNode(int i) {
        nodeStream[i] = Mix.advance(nodeStream[i]);
        return Mix.unit(Mix.mix(nodeStream[i]));
    }

    private double nextLink(int l) {
        linkStream[l] = Mix.advance(linkStream[l]);
        return Mix.unit(Mix.mix(linkStream[l]));
    }

    private void remember(int node, double at) {
        nodeRecent[node * RECENT_KEPT + nodeRecentCount[node] % RECENT_KEPT] = at;
        nodeRecentCount[node]++;
    }
}
