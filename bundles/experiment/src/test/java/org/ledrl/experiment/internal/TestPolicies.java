package org.ledrl.experiment.internal;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.policy.mappo.CurvePoint;
import org.ledrl.policy.mappo.LearnedPolicy;

/** Small policies, a registry of them and the command's configuration, for the experiment command's tests. */
final class TestPolicies {

    private TestPolicies() {
    }

    /** Keeps every task on the node it arrived at. */
    static final class Local implements OffloadingPolicy {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            return Decision.of(observation.agent(), name());
        }
    }

    /** Sends each task to the neighbour that finishes it first, like greedy. */
    static final class Fastest implements OffloadingPolicy {
        @Override
        public String name() {
            return "fastest";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            Candidate best = observation.self();
            for (Candidate c : observation.candidates()) {
                if (c.available() && c.estimatedLatency(observation.task()) < best.estimatedLatency(observation.task())) {
                    best = c;
                }
            }
            return Decision.of(best.node(), name());
        }
    }

    /** Fine except in the run seeded 2, where its first decision throws. */
    static final class Flaky implements OffloadingPolicy {
        private final long seed;

        Flaky(long seed) {
            this.seed = seed;
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            if (seed == 2) {
                throw new IllegalStateException("flaky broke on purpose");
            }
            return Decision.of(observation.agent(), name());
        }

        @Override
        public OffloadingPolicy forRun(long runSeed) {
            return new Flaky(runSeed);
        }
    }

    /** Keeps tasks local, and shows the curves its training would have written. */
    static final class Trained implements OffloadingPolicy, LearnedPolicy {
        private final String name;
        private final List<CurvePoint> validation;

        Trained(String name, List<CurvePoint> validation) {
            this.name = name;
            this.validation = validation;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            return Decision.of(observation.agent(), name());
        }

        /** Level from the first episode: 95% of the final training rate is reached at once. */
        @Override
        public List<CurvePoint> trainingCurve() {
            List<CurvePoint> points = new ArrayList<>();
            for (int episode = 1; episode <= 60; episode++) {
                points.add(new CurvePoint(episode, 0.5));
            }
            return points;
        }

        @Override
        public List<CurvePoint> validationCurve() {
            return validation;
        }
    }

    static final class Registry implements PolicyRegistry {
        private final Map<String, OffloadingPolicy> policies = new LinkedHashMap<>();

        Registry(OffloadingPolicy... installed) {
            for (OffloadingPolicy p : installed) {
                policies.put(p.name(), p);
            }
        }

        @Override
        public List<String> names() {
            return policies.keySet().stream().sorted().toList();
        }

        @Override
        public Optional<OffloadingPolicy> find(String name) {
            return Optional.ofNullable(policies.get(name));
        }
    }

    /** The command's configuration as its defaults would be, with {@code threads} runs side by side. */
    static ExperimentCommand.Config config(int threads) {
        return new ExperimentCommand.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ExperimentCommand.Config.class;
            }

            @Override
            public int seeds() {
                return 3;
            }

            @Override
            public int episodes() {
                return 0;
            }

            @Override
            public int threads() {
                return threads;
            }

            @Override
            public String[] references() {
                return new String[] {"local"};
            }

            @Override
            public String llmProvider() {
                return "";
            }

            @Override
            public long llmDelayMillis() {
                return 700;
            }

            @Override
            public String outputRoot() {
                return "runs";
            }
        };
    }
}
