package org.ledrl.emulate.internal.link;

import java.util.List;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Topology;
import org.ledrl.emulate.internal.fault.FaultSpec;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioDraws;

/**
 * The scenario's links on the message path between gateways: a transfer over a link takes
 * {@code size / rate + latency} (the link's rate in the current slot, as the simulator draws it), is lost
 * with the scenario's transmission failure probability (the simulator's draw for the task, hop and attempt;
 * a lost attempt is resent after {@code failures.retransmitTimeoutS} while {@code failures.transmissionRetries}
 * allow), and everything crossing a cut link is dropped. Times are scenario seconds; the caller scales them by
 * the emulation's speed. Stateless and thread-safe.
 */
public final class LinkEmulator {

    private final ScenarioDraws draws;
    private final long seed;
    private final List<FaultSpec> cuts;

    /**
     * @param draws the scenario's network and draws
     * @param seed  the episode seed of the draws
     * @param cuts  the link cuts of the run ({@link FaultSpec.Kind#CUT}; others are ignored)
     */
    public LinkEmulator(ScenarioDraws draws, long seed, List<FaultSpec> cuts) {
        this.draws = draws;
        this.seed = seed;
        this.cuts = cuts.stream().filter(f -> f.kind() == FaultSpec.Kind.CUT).toList();
    }

    /**
     * How a transfer of {@code sizeKB} from {@code from} to its neighbour {@code to} goes.
     *
     * @param taskId        the task, whose draws decide losses
     * @param slot          the slot it is sent in, whose link rate applies
     * @param sinceStartMs  when it is sent, ms since the run started (for cuts)
     * @param msPerSecond   real milliseconds per scenario second (1000 / speed)
     * @throws IllegalArgumentException when the two nodes are not neighbours
     */
    public Transfer transfer(int from, int to, long taskId, double sizeKB, int slot, long sinceStartMs,
                             double msPerSecond) {
        int link = link(from, to);
        if (link < 0) {
            throw new IllegalArgumentException("nodes " + from + " and " + to + " are not neighbours");
        }
        Topology.LinkSpec spec = draws.topology().links().get(link);
        double hopSeconds = sizeKB / 1000.0 / draws.linkRateMBps(seed, link, slot) + spec.latencyMs() / 1000.0;
        Scenario.Failures failures = draws.scenario().failures();
        double seconds = 0;
        for (int attempt = 0; ; attempt++) {
            seconds += hopSeconds;
            long arriveMs = sinceStartMs + Math.round(seconds * msPerSecond);
            if (cut(from, to, sinceStartMs) || cut(from, to, arriveMs)) {
                return new Transfer(seconds, FailureReason.LINK_FAILED);
            }
            if (!draws.transmissionFails(seed, taskId, 0, attempt)) {
                return new Transfer(seconds, FailureReason.NONE);
            }
            if (attempt >= failures.transmissionRetries()) {
                return new Transfer(seconds, FailureReason.TRANSMISSION_FAILURE);
            }
            seconds += failures.retransmitTimeoutS();
        }
    }

    /** Whether the link between {@code a} and {@code b} is cut at {@code sinceStartMs}. */
    public boolean cut(int a, int b, long sinceStartMs) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        for (FaultSpec cut : cuts) {
            if (cut.a() == low && cut.b() == high && sinceStartMs >= cut.atMillis() && sinceStartMs < cut.endMillis()) {
                return true;
            }
        }
        return false;
    }

    /** The index of the link between {@code a} and {@code b}, or -1. */
    public int link(int a, int b) {
        List<Topology.LinkSpec> links = draws.topology().links();
        for (int l = 0; l < links.size(); l++) {
            Topology.LinkSpec spec = links.get(l);
            if (spec.a() == a && spec.b() == b || spec.a() == b && spec.b() == a) {
                return l;
            }
        }
        return -1;
    }

    /**
     * @param seconds how long the transfer takes (or took until it was lost), scenario seconds
     * @param loss    {@link FailureReason#NONE} when it arrives, else why it did not
     */
    public record Transfer(double seconds, FailureReason loss) {

        public boolean arrives() {
            return loss == FailureReason.NONE;
        }
    }
}
