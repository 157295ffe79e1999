package org.ledrl.testkit;

import org.junit.jupiter.api.Nested;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.policy.agsp.internal.AgspPolicy;
import org.ledrl.policy.greedy.internal.GreedyPolicy;
import org.ledrl.policy.heuristicprior.internal.HeuristicPriorPolicy;
import org.ledrl.policy.local.internal.LocalPolicy;
import org.ledrl.policy.random.internal.RandomPolicy;
import org.ledrl.policy.ratc.internal.RatcPolicy;
import org.ledrl.policy.roundrobin.internal.RoundRobinPolicy;
import org.ledrl.prior.heuristic.HeuristicPrior;

/** Every shipped policy without a learned model passes the policy contract. */
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
}
