package org.ledrl.sim.internal;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ledrl.sim.FailureMemory;
import org.ledrl.sim.Scenario;

/**
 * How much more than the scenario's base rates each node and link fails, and when ({@link FailureMemory}): a
 * reliability multiplier per element, drawn once from the scenario seed ({@link Draws#RELIABILITY}), times the
 * bad-state factor while the element's good/bad chain is bad. The chains are drawn per episode
 * ({@link Draws#BURSTS}, one stream per element, independent of decisions) up to the episode's horizon (its slots
 * plus the longest deadline); after it an element stays in its last state. A chain holds on average
 * {@code horizon / ((meanGoodS + meanBadS) / 2)} switch times, drawn at {@link #reset}.
 *
 * <p>Without memory ({@link FailureMemory#none()}) every factor is exactly 1 and {@link #nextFailure} is
 * {@code from + Exp(rate)}, the same arithmetic as before, so memoryless scenarios stay bit-identical.
 */
public final class FaultProfile {

    private static final double[] NO_SWITCHES = new double[0];

    private final FailureMemory.Bursts bursts;
    private final double executionRate;
    private final double transmissionRate;
    private final double[] nodeMultiplier;
    private final double[] linkMultiplier;
    private final double horizonS;
    private final double[][] nodeSwitches;
    private final boolean[] nodeStartsBad;
    private final double[][] linkSwitches;
    private final boolean[] linkStartsBad;
    private final boolean nodeBursts;
    private final boolean linkBursts;

    public FaultProfile(Scenario scenario, Network net) {
        FailureMemory memory = scenario.failures().memory();
        this.bursts = memory.bursts();
        this.executionRate = scenario.failures().executionRate();
        this.transmissionRate = scenario.failures().transmissionRate();
        SplittableRandom random = new SplittableRandom(Mix.hash(scenario.seed(), Draws.RELIABILITY, 0));
        nodeMultiplier = multipliers(memory.nodes(), net.nodes, random);
        linkMultiplier = multipliers(memory.links(), net.links, random);
        horizonS = scenario.slots() * scenario.slotSeconds() + scenario.tasks().maxDeadlineS() + scenario.slotSeconds();
        nodeBursts = !bursts.none() && bursts.nodes();
        linkBursts = !bursts.none() && bursts.links();
        nodeSwitches = new double[net.nodes][];
        nodeStartsBad = new boolean[net.nodes];
        linkSwitches = new double[net.links][];
        linkStartsBad = new boolean[net.links];
        Arrays.fill(nodeSwitches, NO_SWITCHES);
        Arrays.fill(linkSwitches, NO_SWITCHES);
    }

    /** Each element's multiplier: 1, times the flaky factor for the flaky share, times a log-normal of mean 1. */
    static double[] multipliers(FailureMemory.Spread spread, int count, SplittableRandom random) {
        double[] multiplier = new double[count];
        Arrays.fill(multiplier, 1.0);
        if (spread.none()) {
            return multiplier;
        }
        int flaky = (int) Math.round(spread.flakyShare() * count);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int k = 0; k < flaky; k++) { // a partial Fisher-Yates shuffle picks the flaky ones
            int j = k + random.nextInt(count - k);
            int swap = order[k];
            order[k] = order[j];
            order[j] = swap;
            multiplier[order[k]] = spread.flakyFactor();
        }
        if (spread.logSigma() > 0) {
            double sigma = spread.logSigma();
            for (int i = 0; i < count; i++) {
                double gaussian = Math.sqrt(-2 * Math.log1p(-random.nextDouble()))
                        * Math.cos(2 * Math.PI * random.nextDouble());
                multiplier[i] *= Math.exp(sigma * gaussian - sigma * sigma / 2);
            }
        }
        return multiplier;
    }

    /** Draws every element's good/bad chain for the episode of {@code seed}; nothing without bursts. */
    public void reset(long seed) {
        if (nodeBursts) {
            for (int i = 0; i < nodeSwitches.length; i++) {
                long stream = Mix.hash(seed, Draws.BURSTS, i);
                nodeStartsBad[i] = Mix.unit(stream) < bursts.badShare();
                nodeSwitches[i] = chain(stream, nodeStartsBad[i]);
            }
        }
        if (linkBursts) {
            for (int l = 0; l < linkSwitches.length; l++) {
                long stream = Mix.hash(seed, Draws.BURSTS, nodeSwitches.length + (long) l);
                linkStartsBad[l] = Mix.unit(stream) < bursts.badShare();
                linkSwitches[l] = chain(stream, linkStartsBad[l]);
            }
        }
    }

    private double[] chain(long stream, boolean startsBad) {
        double[] switches = new double[8];
        int count = 0;
        boolean bad = startsBad;
        double t = 0;
        long state = stream;
        while (t <= horizonS) {
            state = Mix.advance(state);
            t += Mix.exponential(Mix.unit(Mix.mix(state)), 1.0 / (bad ? bursts.meanBadS() : bursts.meanGoodS()));
            if (count == switches.length) {
                switches = Arrays.copyOf(switches, count * 2);
            }
            switches[count++] = t;
            bad = !bad;
        }
        return Arrays.copyOf(switches, count);
    }

    /** The node's reliability multiplier (1 unless some nodes fail more than others). */
    public double nodeMultiplier(int node) {
        return nodeMultiplier[node];
    }

    /** The link's reliability multiplier. */
    public double linkMultiplier(int link) {
        return linkMultiplier[link];
    }

    /** How many times the base rates the node fails at {@code t}: its multiplier, times the bad factor in a burst. */
    public double nodeFactor(int node, double t) {
        return nodeBursts && bad(nodeSwitches[node], nodeStartsBad[node], t)
                ? nodeMultiplier[node] * bursts.badFactor() : nodeMultiplier[node];
    }

    /** How many times the base rates the link fails at {@code t}. */
    public double linkFactor(int link, double t) {
        return linkBursts && bad(linkSwitches[link], linkStartsBad[link], t)
                ? linkMultiplier[link] * bursts.badFactor() : linkMultiplier[link];
    }

    /** The chance that an execution at {@code node} fails, for a task decided at {@code t}. */
    public double executionRate(int node, double t) {
        return Math.min(1.0, executionRate * nodeFactor(node, t));
    }

    /** The chance that one attempt over {@code link} fails, for a task decided at {@code t}. */
    public double transmissionRate(int link, double t) {
        return Math.min(1.0, transmissionRate * linkFactor(link, t));
    }

    /** Whether the node is in a burst at {@code t}. */
    public boolean nodeBad(int node, double t) {
        return nodeBursts && bad(nodeSwitches[node], nodeStartsBad[node], t);
    }

    /** The node's next failure after {@code from} at base rate {@code rate}, with {@code u} uniform in [0,1). */
    public double nextNodeFailure(int node, double from, double u, double rate) {
        return nodeBursts ? nextFailure(nodeSwitches[node], nodeStartsBad[node], from, u, rate * nodeMultiplier[node])
                : from + Mix.exponential(u, rate * nodeMultiplier[node]);
    }

    /** The link's next failure after {@code from} at base rate {@code rate}. */
    public double nextLinkFailure(int link, double from, double u, double rate) {
        return linkBursts ? nextFailure(linkSwitches[link], linkStartsBad[link], from, u, rate * linkMultiplier[link])
                : from + Mix.exponential(u, rate * linkMultiplier[link]);
    }

    /** The first failure of a Poisson process whose rate is {@code goodRate}, times the bad factor while bad. */
    private double nextFailure(double[] switches, boolean startsBad, double from, double u, double goodRate) {
        if (goodRate <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double hazard = -Math.log1p(-u); // a unit exponential: the accumulated rate at which it fails
        int k = after(switches, from);
        boolean bad = startsBad ^ (k % 2 == 1);
        double t = from;
        while (true) {
            double rate = bad ? goodRate * bursts.badFactor() : goodRate;
            double end = k < switches.length ? switches[k] : Double.POSITIVE_INFINITY;
            if (rate > 0 && t + hazard / rate <= end) {
                return t + hazard / rate;
            }
            if (end == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            hazard -= (end - t) * rate;
            t = end;
            bad = !bad;
            k++;
        }
    }

    private static boolean bad(double[] switches, boolean startsBad, double t) {
        return startsBad ^ (after(switches, t) % 2 == 1);
    }

    /** The index of the first switch after {@code t}: the number of switches at or before it. */
    private static int after(double[] switches, double t) {
        int i = Arrays.binarySearch(switches, t);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
