package org.ledrl.sim;

/**
 * Failures with a memory: which nodes and links fail more than others, and when. Off by default
 * ({@link #NONE}): every node then fails at the same Poisson rate independently of its history, and so does every
 * link, and a lesson about the past predicts nothing. On real edge networks some boxes are flaky, some links are
 * congested for hours, and a node that crashed once tends to crash again; these settings say how much.
 *
 * <p>Each element's <em>factor</em> multiplies its Poisson failure rate (a node's hardware and software rates, a
 * link's rate) and its per-attempt failure probability (a node's execution failures, a link's transmission
 * failures, at most 1): its reliability multiplier times, while it is in a burst, {@link Bursts#badFactor}.
 * Observations do not show it: a node advertises the scenario's rates, as a box advertises its data sheet.
 *
 * @param nodes  how reliability varies between nodes, drawn once per scenario seed
 * @param links  how reliability varies between links, drawn once per scenario seed
 * @param bursts a good/bad state per node and link, drawn per episode
 */
public record FailureMemory(Spread nodes, Spread links, Bursts bursts) {

    /** Every element alike, no bursts: the paper's memoryless failures. */
    public static final FailureMemory NONE = new FailureMemory(Spread.NONE, Spread.NONE, Bursts.NONE);

    /** Whether every element fails alike at all times. */
    public boolean none() {
        return nodes.none() && links.none() && bursts.none();
    }

    /**
     * Reliability that differs between elements: each draws a multiplier, {@code flakyFactor} for the flaky share
     * (exactly {@code round(flakyShare x count)} of them, chosen at random) times a log-normal draw of mean 1.
     *
     * @param flakyShare  share of the elements that are flaky, in [0,1]
     * @param flakyFactor how many times the base rates a flaky element fails
     * @param logSigma    standard deviation of the log of every element's multiplier (0: none)
     */
    public record Spread(double flakyShare, double flakyFactor, double logSigma) {

        public static final Spread NONE = new Spread(0, 1, 0);

        public boolean none() {
            return (flakyShare == 0 || flakyFactor == 1) && logSigma == 0;
        }
    }

    /**
     * Bursty failures: every node and link (as selected) alternates between a good and a bad state, a two-state
     * Markov chain in continuous time with exponential durations of the given means, starting in its stationary
     * state. While bad, its failure rates are {@code badFactor} times higher, so failures cluster in time.
     *
     * @param meanGoodS mean time in the good state, seconds (0: no bursts)
     * @param meanBadS  mean time in the bad state, seconds
     * @param badFactor how many times more an element fails while bad
     * @param nodes     whether nodes have bursts
     * @param links     whether links have bursts
     */
    public record Bursts(double meanGoodS, double meanBadS, double badFactor, boolean nodes, boolean links) {

        public static final Bursts NONE = new Bursts(0, 0, 1, true, true);

        public boolean none() {
            return meanGoodS == 0 || badFactor == 1 || !(nodes || links);
        }

        /** The long-run share of time an element is bad. */
        public double badShare() {
            return none() ? 0 : meanBadS / (meanGoodS + meanBadS);
        }
    }
}
