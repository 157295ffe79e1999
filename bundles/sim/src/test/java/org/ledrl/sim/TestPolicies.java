package org.ledrl.sim;

import java.util.SplittableRandom;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;

/** Small reference policies for the simulator's tests (the real baselines live in their own bundles). */
final class TestPolicies {

    private TestPolicies() {
    }

    /** Always the agent's own node. */
    static OffloadingPolicy local() {
        return new OffloadingPolicy() {
            @Override
            public String name() {
                return "local";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                return Decision.of(observation.agent(), name());
            }
        };
    }

    /** A uniformly random available candidate (the agent when none is). */
    static OffloadingPolicy random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new OffloadingPolicy() {
            @Override
            public String name() {
                return "random";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                int available = 0;
                for (Candidate c : observation.candidates()) {
                    if (c.available()) {
                        available++;
                    }
                }
                if (available == 0) {
                    return Decision.of(observation.agent(), name());
                }
                int pick = random.nextInt(available);
                for (Candidate c : observation.candidates()) {
                    if (c.available() && pick-- == 0) {
                        return Decision.of(c.node(), name());
                    }
                }
                throw new AssertionError();
            }

            @Override
            public OffloadingPolicy forRun(long runSeed) {
                return random(runSeed);
            }
        };
    }

    /**
     * Deadline- and reliability-aware greedy: among available candidates whose estimated reliability
     * meets the threshold, the earliest estimated finish.
     */
    static OffloadingPolicy greedy() {
        return new OffloadingPolicy() {
            @Override
            public String name() {
                return "greedy";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                Candidate best = observation.self();
                double bestScore = Double.POSITIVE_INFINITY;
                for (Candidate c : observation.candidates()) {
                    if (!c.available()) {
                        continue;
                    }
                    double latency = c.estimatedLatency(observation.task());
                    boolean reliable = c.estimatedReliability(observation.task()) >= observation.reliabilityThreshold();
                    double score = latency + (reliable ? 0 : 1000);
                    if (score < bestScore) {
                        bestScore = score;
                        best = c;
                    }
                }
                return Decision.of(best.node(), name());
            }
        };
    }
}
