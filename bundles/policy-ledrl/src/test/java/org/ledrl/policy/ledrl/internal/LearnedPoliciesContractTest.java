package org.ledrl.policy.ledrl.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.internal.StandaloneRuntime;
import org.ledrl.prior.heuristic.HeuristicPrior;
import org.ledrl.testkit.OffloadingPolicyContract;

/**
 * The shipped learned policies of this bundle, as their components start them without a configured file, pass the
 * test kit's policy contract; those that take priors are given the heuristic provider's.
 */
class LearnedPoliciesContractTest {

    private static final MlRuntime RUNTIME = new StandaloneRuntime(Path.of(System.getProperty("user.home"), ".djl.ai"),
            1);
    private static final List<ActorPolicy> STARTED = new ArrayList<>();

    /** One shipped policy per test class, started once and closed at the end. */
    abstract static class Shipped extends OffloadingPolicyContract {
        private final BiFunction<MlRuntime, ModelConfig, ActorPolicy> component;
        private ActorPolicy policy;

        Shipped(BiFunction<MlRuntime, ModelConfig, ActorPolicy> component) {
            this.component = component;
        }

        @Override
        protected OffloadingPolicy policy() {
            if (policy == null) {
                policy = component.apply(RUNTIME, BadPriorsTest.config());
                STARTED.add(policy);
            }
            return policy;
        }

        @Override
        protected StrategyPrior prior(Observation observation) {
            return HeuristicPrior.of(observation);
        }
    }

    @AfterAll
    static void close() {
        STARTED.forEach(ActorPolicy::close);
    }

    @Nested
    class LedrlHeuristic extends Shipped {
        LedrlHeuristic() {
            super(LedrlHeuristicPolicy::new);
        }
    }

    @Nested
    class Ledrl extends Shipped {
        Ledrl() {
            super(LedrlPolicy::new);
        }
    }

    @Nested
    class LedrlNoReflection extends Shipped {
        LedrlNoReflection() {
            super(LedrlNoReflectionPolicy::new);
        }
    }

    @Nested
    class MappoPriorMlp extends Shipped {
        MappoPriorMlp() {
            super(PriorMlpPolicy::new);
        }
    }
}
