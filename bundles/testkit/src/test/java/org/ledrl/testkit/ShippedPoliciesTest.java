package org.ledrl.testkit;

import org.junit.jupiter.api.Nested;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.policy.agsp.internal.AgspPolicy;
import org.ledrl.policy.greedy.internal.GreedyPolicy;
import org.ledrl.policy.heuristicprior.internal.HeuristicPriorPolicy;
import org.ledrl.policy.llmdirect.internal.LlmDirectPolicy;
import org.ledrl.policy.local.internal.LocalPolicy;
import org.ledrl.policy.random.internal.RandomPolicy;
import org.ledrl.policy.ratc.internal.RatcPolicy;
import org.ledrl.policy.roundrobin.internal.RoundRobinPolicy;
import org.ledrl.prior.heuristic.HeuristicPrior;

/**
 * Every shipped policy without a learned model passes the policy contract; llm-direct with the heuristic provider
 * (with an LLM it waits for the answer on the decision path, by design: it is the paper's LLM-only baseline).
 */
class ShippedPoliciesTest {

    @Nested
    class Local extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            return new LocalPolicy();
        }
    }

    @Nested
    class Random extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            return new RandomPolicy();
        }
    }

    @Nested
    class RoundRobin extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            return new RoundRobinPolicy();
        }
    }

    @Nested
    class Greedy extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            return new GreedyPolicy();
        }
    }

    @Nested
    class Ratc extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            return new RatcPolicy();
        }
    }

    @Nested
    class Agsp extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            return new AgspPolicy();
        }
    }

    @Nested
    class HeuristicPriorGuided extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            return new HeuristicPriorPolicy();
        }

        @Override
        protected StrategyPrior prior(Observation observation) {
            return HeuristicPrior.of(observation);
        }
    }

    @Nested
    class LlmDirectWithTheHeuristicProvider extends OffloadingPolicyContract {
        @Override
        protected OffloadingPolicy policy() {
            LlmDirectPolicy.Config config = new LlmDirectPolicy.Config() {
                @Override
                public String provider() {
                    return "heuristic";
                }

                @Override
                public long timeoutMillis() {
                    return 1_000;
                }

                @Override
                public Class<? extends java.lang.annotation.Annotation> annotationType() {
                    return LlmDirectPolicy.Config.class;
                }
            };
            return new LlmDirectPolicy(config).forRun(0, HeuristicPrior.provider());
        }
    }
}
