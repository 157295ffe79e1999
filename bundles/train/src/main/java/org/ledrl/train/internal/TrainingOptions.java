package org.ledrl.train.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ledrl.prior.RefreshPolicy;
import java.util.Set;
import java.util.TreeSet;
import org.ledrl.ml.PpoSettings;

/**
 * The MAPPO trainer's settings, from {@link org.ledrl.api.policy.TrainingRequest#options()} ({@code --hp key=value}
 * on the command line). Defaults are DESIGN.md's: learning rate 4e-4, gamma 0.99, clip 0.2, GAE lambda 0.95,
 * hidden 64, attention embedding 8, dropout 0.1.
 */
record TrainingOptions(int maxNodes, int hidden, int embedding, double dropout, double gamma, double lambda,
                       PpoSettings ppo, int checkpointEvery, boolean resume, PriorOptions priors,
                       Validation validation) {

    /**
     * The learning curve worth comparing: every {@code every} episodes (and once before the first) the actor, with
     * greedy actions and honest priors, runs one episode per validation seed; 0 turns it off. The training curve
     * itself is too noisy for that: every training episode has its own network and load, and priors that are missing
     * or misleading on purpose. The default seeds 101..105 are among the validation seeds of model selection, never
     * among the evaluation seeds (1..10) or the training seeds (hashed from the master seed). With {@code keepBest}
     * the exported model is the actor of the best validation, not the last one.
     */
    record Validation(int every, List<Long> seeds, boolean keepBest) {
        static final List<Long> DEFAULT_SEEDS = List.of(101L, 102L, 103L, 104L, 105L);

        boolean isDue(int episode) {
            return every > 0 && episode % every == 0;
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
    record PriorOptions(String provider, long llmDelayMillis, int refreshSlots, double noise, boolean standIn) {

        /** The board settings these options give, the same the experiment uses. */
        RefreshPolicy refreshPolicy() {
            RefreshPolicy policy = RefreshPolicy.defaults().withDelayMillis(llmDelayMillis).withEverySlots(refreshSlots);
            return standIn ? policy.withProviderDelay(RefreshPolicy.HEURISTIC_PROVIDER, llmDelayMillis) : policy;
        }
    }

    static final Set<String> KEYS = new TreeSet<>(Set.of("maxNodes", "hidden", "embedding", "dropout", "gamma",
            "lambda", "learningRate", "clip", "epochs", "minibatch", "entropy", "valueCoef", "maxGradNorm",
            "checkpointEvery", "resume", "provider", "llmDelayMs", "refreshSlots", "priorNoise", "standIn",
            "validateEvery", "validationSeeds", "keepBest"));

    static TrainingOptions from(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown training option '" + key + "'; known: " + KEYS);
            }
        }
        PpoSettings d = PpoSettings.defaults();
        Reader r = new Reader(options);
        return new TrainingOptions(r.integer("maxNodes", 20, 1), r.integer("hidden", 64, 1),
                r.integer("embedding", 8, 1), r.number("dropout", 0.1, 0, 0.9), r.number("gamma", 0.99, 0, 1),
                r.number("lambda", 0.95, 0, 1),
                new PpoSettings(r.number("learningRate", d.learningRate(), 1e-7, 1), r.number("clip", d.clip(), 0.01, 1),
                        r.integer("epochs", d.epochs(), 1), r.integer("minibatch", d.minibatchSize(), 1),
                        r.number("valueCoef", d.valueCoef(), 0, 100), r.number("entropy", d.entropyCoef(), 0, 1),
                        r.number("maxGradNorm", d.maxGradNorm(), 0, 1e6)),
                r.integer("checkpointEvery", 10, 1), Boolean.parseBoolean(options.getOrDefault("resume", "false")),
                new PriorOptions(options.getOrDefault("provider", "heuristic").trim(), r.integer("llmDelayMs", 700, 0),
                        r.integer("refreshSlots", 10, 1), r.number("priorNoise", 0.3, 0, 1), r.bool("standIn")),
                new Validation(r.integer("validateEvery", 10, 0), r.seeds("validationSeeds", Validation.DEFAULT_SEEDS),
                        r.bool("keepBest", true)));
    }

    private record Reader(Map<String, String> options) {
        boolean bool(String key) {
            return bool(key, false);
        }

        boolean bool(String key, boolean fallback) {
            String v = options.getOrDefault(key, Boolean.toString(fallback)).trim();
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException("training option " + key + " must be true or false, not '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }

        List<Long> seeds(String key, List<Long> fallback) {
            String v = options.get(key);
            if (v == null) {
                return fallback;
            }
            List<Long> seeds = new ArrayList<>();
            for (String part : v.split(",")) {
                try {
                    seeds.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("training option " + key + " must be whole numbers separated "
                            + "by commas, not '" + v + "'");
                }
            }
            return List.copyOf(seeds);
        }

        int integer(String key, int fallback, int min) {
            String v = options.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(v.trim());
                if (value < min) {
                    throw new IllegalArgumentException("training option " + key + " must be at least " + min
                            + ", not " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("training option " + key + " must be a whole number, not '" + v
                        + "'");
            }
        }

        double number(String key, double fallback, double min, double max) {
            String v = options.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                double value = Double.parseDouble(v.trim());
                if (!(value >= min && value <= max)) {
                    throw new IllegalArgumentException("training option " + key + " must be in [" + min + ", " + max
                            + "], not " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("training option " + key + " must be a number, not '" + v + "'");
            }
        }
    }
}
