package org.ledrl.train.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.ledrl.ml.PpoSettings;
import org.ledrl.prior.RefreshPolicy;

/**
 * The trainer's settings, from {@link org.ledrl.api.policy.TrainingRequest#options()} ({@code --hp key=value} on the
 * command line). Network sizes are DESIGN.md's (hidden 64, attention embedding 8, learning rate 4e-4, clip 0.2, GAE
 * lambda 0.95); the rest are documented on each record and in {@code train}'s usage, with defaults chosen by the
 * figures in {@code bundles/policy-mappo/README.md}.
 *
 * @param envs       training episodes run side by side, each on its own environment; one PPO update follows each
 *                   such group (its decisions are the update's batch)
 * @param threads    threads that run those episodes (and validation's) between updates; the results are the same
 *                   on any number
 * @param credit     how a decision is credited ({@link Credit})
 * @param schedule   learning rate and entropy weight, annealed linearly over the run
 */
record TrainingOptions(int maxNodes, int hidden, int embedding, double dropout, int envs, int threads, Credit credit,
                       PpoSettings ppo, Schedule schedule, int checkpointEvery, boolean resume, PriorOptions priors,
                       Validation validation) {

    /**
     * How the advantage of a decision is formed.
     *
     * @param gamma         discount between an agent's successive decisions (0: each decision is judged by its own
     *                      reward alone)
     * @param lambda        GAE lambda
     * @param valueNorm     the critic learns normalised returns (running mean and variance of the targets)
     * @param criticContext the critic also sees the time left in the episode and the tasks arriving this slot
     * @param timeLimit     the episode's end is a time limit: the last decision of an agent bootstraps from its own
     *                      value instead of counting as terminal
     * @param reward        individual, team or congestion ({@link Rewards})
     * @param teamWindow    slots whose decisions share a team reward
     * @param congestion    weight of the congestion charge
     */
    record Credit(double gamma, double lambda, boolean valueNorm, boolean criticContext, boolean timeLimit,
                  Rewards.Form reward, int teamWindow, double congestion) {
    }

    /** Linear schedules from the start values in {@link PpoSettings} to these end values, over the run's updates. */
    record Schedule(double learningRateEnd, double entropyEnd) {

        /** The settings for the update after {@code done} of {@code total} episodes. */
        PpoSettings at(PpoSettings start, int done, int total) {
            double progress = total <= 0 ? 0 : Math.min(1.0, done / (double) total);
            return start.scheduled(start.learningRate() + progress * (learningRateEnd - start.learningRate()),
                    start.entropyCoef() + progress * (entropyEnd - start.entropyCoef()));
        }
    }

    /**
     * The learning curve worth comparing: every {@code every} episodes (and once before the first) the actor, with
     * greedy actions and honest priors, runs one episode per validation seed; 0 turns it off. The default seeds
     * 101..500 are validation seeds of model selection, never evaluation seeds (1..10) nor training seeds (hashed from
     * the master seed). There are 400 of them so that a validation's own 95% interval is under a point (one episode's
     * success rate spreads about 8 to 10 points from seed to seed; 32 seeds gave about 3 points), and selection does
     * not pick an actor for its luck on a few seeds. Validating every 256 episodes, they take about a tenth of a
     * default run (13 validations of about 1.9 s for mappo on two cores; 32 seeds every 128 episodes took 2%). With
     * {@code keepBest} the exported model is the actor of the best validation, not the last one.
     */
    record Validation(int every, List<Long> seeds, boolean keepBest) {
        static final List<Long> DEFAULT_SEEDS = LongStream.rangeClosed(101, 500).boxed().toList();

        /** Whether a validation falls due when the episodes done go from {@code before} to {@code after}. */
        boolean isDue(int before, int after) {
            return every > 0 && after / every > before / every;
        }
    }

    /**
     * How prior-consuming algorithms get their priors while training: a private simulated prior board per episode
     * asking {@code provider}, whose priors appear {@code llmDelayMillis} after they were asked for (on the simulated
     * clock), refreshed at least every {@code refreshSlots}. In a share {@code noise} of the episodes the board is
     * replaced by no prior at all (half of them) or by deliberately wrong priors (the other half). The LLM delay
     * applies to LLM providers only: the heuristic provider has no latency and is asked at every decision, unless
     * {@code standIn} (it stands in for an LLM, as in a run of {@code ledrl} without an LLM) gives it the LLM's delay.
     */
    record PriorOptions(String provider, long llmDelayMillis, int refreshSlots, double noise, boolean standIn,
                        boolean reflection) {

        /** The board settings these options give, the same the experiment uses. */
        RefreshPolicy refreshPolicy() {
            RefreshPolicy policy = RefreshPolicy.defaults().withDelayMillis(llmDelayMillis).withEverySlots(refreshSlots);
            return standIn ? policy.withProviderDelay(RefreshPolicy.HEURISTIC_PROVIDER, llmDelayMillis) : policy;
        }
    }

    /** Rollout threads by default: the machine's cores, at most 4 (the update runs on one). */
    static final int DEFAULT_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

    /**
     * Shards per minibatch by default: two, computed side by side on a machine of two cores or more (one core takes
     * them in turn, to the same model). A fixed number, not the cores, so that a seed trains the same model anywhere.
     */
    static final int DEFAULT_SHARDS = 2;

    static final Set<String> KEYS = new TreeSet<>(Set.of("maxNodes", "hidden", "embedding", "dropout", "envs", "threads",
            "gamma", "lambda", "valueNorm", "criticContext", "timeLimit", "reward", "teamWindow", "congestion",
            "learningRate", "learningRateEnd", "clip", "epochs", "minibatch", "entropy", "entropyEnd", "valueCoef",
            "maxGradNorm", "criticMaxGradNorm", "shards", "checkpointEvery", "resume", "provider", "llmDelayMs",
            "refreshSlots", "priorNoise", "standIn", "reflection", "validateEvery", "validationSeeds", "keepBest"));

    static TrainingOptions from(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown training option '" + key + "'; known: " + KEYS);
            }
        }
        OptionReader r = new OptionReader(options);
        double learningRate = r.number("learningRate", 4e-4, 1e-7, 1);
        double entropy = r.number("entropy", 0.01, 0, 1);
        double maxGradNorm = r.number("maxGradNorm", 0.5, 0, 1e6);
        PpoSettings ppo = new PpoSettings(learningRate, r.number("clip", 0.2, 0.01, 1), r.integer("epochs", 4, 1),
                r.integer("minibatch", 1024, 1), r.number("valueCoef", 0.5, 0, 100), entropy, maxGradNorm,
                r.number("criticMaxGradNorm", maxGradNorm, 0, 1e6), r.integer("shards", DEFAULT_SHARDS, 1));
        return new TrainingOptions(r.integer("maxNodes", 20, 1), r.integer("hidden", 64, 1),
                r.integer("embedding", 8, 1), r.number("dropout", 0.0, 0, 0.9), r.integer("envs", 16, 1),
                r.integer("threads", DEFAULT_THREADS, 1),
                new Credit(r.number("gamma", 0.9, 0, 1), r.number("lambda", 0.95, 0, 1), r.bool("valueNorm", true),
                        r.bool("criticContext", true), r.bool("timeLimit", true),
                        r.choice("reward", Rewards.Form.TEAM, Rewards.Form.class),
                        r.integer("teamWindow", 1, 1), r.number("congestion", 0.1, 0, 10)),
                ppo, new Schedule(r.number("learningRateEnd", learningRate / 10, 0, 1),
                        r.number("entropyEnd", entropy / 10, 0, 1)),
                r.integer("checkpointEvery", 64, 1), r.bool("resume", false),
                new PriorOptions(options.getOrDefault("provider", "heuristic").trim(), r.integer("llmDelayMs", 700, 0),
                        r.integer("refreshSlots", 10, 1), r.number("priorNoise", 0.3, 0, 1), r.bool("standIn", false),
                        r.bool("reflection", false)),
                new Validation(r.integer("validateEvery", 256, 0), r.seeds("validationSeeds", Validation.DEFAULT_SEEDS),
                        r.bool("keepBest", true)));
    }
}
