package org.ledrl.emulate.internal.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.ledrl.api.model.Topology;
import org.ledrl.sim.Scenario;

/**
 * The faults of one run, checked against its scenario and length: nodes and links that exist, times inside
 * the run, no two kills or pauses of one gateway overlapping. {@code node-failures} becomes kills and restarts
 * drawn from the scenario's node-failure process (Poisson failures at the node hardware plus software rate,
 * back after a geometric number of slots with {@code failures.rejoinProbability}), seeded by the run's seed.
 */
public final class FaultPlan {

    private final List<FaultSpec> faults;

    private FaultPlan(List<FaultSpec> faults) {
        this.faults = List.copyOf(faults);
    }

    /**
     * @param specs          the faults as given
     * @param topology       the scenario's network
     * @param scenario       the scenario (failure rates, slot length)
     * @param durationMillis the run's length
     * @param speed          scenario seconds per real second
     * @param seed           the run's seed
     */
    public static FaultPlan of(List<FaultSpec> specs, Topology topology, Scenario scenario, long durationMillis,
                               double speed, long seed) throws FaultSpecException {
        List<FaultSpec> all = new ArrayList<>();
        for (FaultSpec spec : specs) {
            check(spec, topology, durationMillis);
            if (spec.kind() == FaultSpec.Kind.NODE_FAILURES) {
                all.addAll(nodeFailures(topology.size(), scenario, durationMillis, speed, seed));
            } else {
                all.add(spec);
            }
        }
        all.sort(Comparator.comparingLong(FaultSpec::atMillis));
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                FaultSpec x = all.get(i);
                FaultSpec y = all.get(j);
                boolean nodeFaults = x.node() >= 0 && x.node() == y.node();
                long xEnd = x.restarts() ? x.endMillis() : Long.MAX_VALUE;
                if (nodeFaults && y.atMillis() < xEnd) {
                    throw new FaultSpecException("fault specs '" + x.text() + "' and '" + y.text()
                            + "' overlap on gateway " + x.node() + ": one must end before the other starts");
                }
            }
        }
        return new FaultPlan(all);
    }

    private static void check(FaultSpec spec, Topology topology, long durationMillis) throws FaultSpecException {
        int nodes = topology.size();
        if (spec.node() >= nodes) {
            throw new FaultSpecException("fault spec '" + spec.text() + "': the scenario has nodes 0 to " + (nodes - 1)
                    + ", no node " + spec.node());
        }
        if (spec.kind() == FaultSpec.Kind.CUT && topology.links().stream().noneMatch(l ->
                Math.min(l.a(), l.b()) == spec.a() && Math.max(l.a(), l.b()) == spec.b())) {
            throw new FaultSpecException("fault spec '" + spec.text() + "': the scenario has no link " + spec.a() + "-"
                    + spec.b());
        }
        if (spec.kind() != FaultSpec.Kind.NODE_FAILURES && spec.atMillis() >= durationMillis) {
            throw new FaultSpecException("fault spec '" + spec.text() + "' starts at or after the end of the run ("
                    + durationMillis / 1000.0 + " s)");
        }
    }

    private static List<FaultSpec> nodeFailures(int nodes, Scenario scenario, long durationMillis, double speed,
                                                long seed) {
        List<FaultSpec> kills = new ArrayList<>();
        double rate = scenario.failures().nodeRate();
        double rejoin = scenario.failures().rejoinProbability();
        if (rate <= 0) {
            return kills;
        }
        double slotMillis = scenario.slotSeconds() * 1000 / speed;
        for (int node = 0; node < nodes; node++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + node);
            double t = 0;
            while (true) {
                t += -Math.log1p(-random.nextDouble()) / rate * 1000 / speed;
                if (t >= durationMillis) {
                    break;
                }
                double slots = rejoin >= 1 ? 1 : rejoin <= 0 ? Double.POSITIVE_INFINITY
                        : 1 + Math.floor(Math.log1p(-random.nextDouble()) / Math.log1p(-rejoin));
                long at = Math.round(t);
                long end = Double.isInfinite(slots) ? -1 : at + Math.max(1, Math.round(slots * slotMillis));
                kills.add(new FaultSpec(FaultSpec.Kind.KILL, node, -1, -1, at, end,
                        "node-failures (kill:" + node + "@" + at + "ms" + (end < 0 ? "" : "-" + end + "ms") + ")"));
                if (end < 0) {
                    break;
                }
                t = end;
            }
        }
        return kills;
    }

    public List<FaultSpec> faults() {
        return faults;
    }

    /** The link cuts, which the gateways apply themselves. */
    public List<FaultSpec> cuts() {
        return faults.stream().filter(f -> f.kind() == FaultSpec.Kind.CUT).toList();
    }

    public boolean restartsBroker() {
        return faults.stream().anyMatch(f -> f.kind() == FaultSpec.Kind.BROKER);
    }
}
