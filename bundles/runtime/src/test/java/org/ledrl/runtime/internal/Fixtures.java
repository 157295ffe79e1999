package org.ledrl.runtime.internal;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.osgi.framework.Constants;

/** Observations, policies and service properties for the runtime's unit tests. */
final class Fixtures {

    private Fixtures() {
    }

    static final int AGENT = 2;

    /** Agent 2 (up), node 5 (up), node 7 (down). */
    static Observation observation() {
        Task task = new Task(1, AGENT, 0L, 300, 1000, 4.0, "test");
        return new Observation(AGENT, 0L, task, List.of(candidate(AGENT, true), candidate(5, true),
                candidate(7, false)), 0.9);
    }

    static Candidate candidate(int node, boolean up) {
        NodeStatus status = new NodeStatus(node, up ? Health.UP : Health.DOWN, 3.0, 0.5, 1, 0.0, 0.3, Double.NaN,
                Double.NaN, 0, 0L);
        int hops = node == AGENT ? 0 : 1;
        return new Candidate(status, 0.01, hops, hops * 0.1, hops * 0.002, 0.001, true);
    }

    /** A policy that always answers {@code target}. */
    static OffloadingPolicy answering(String name, int target) {
        return new OffloadingPolicy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                return Decision.of(target, name);
            }
        };
    }

    /** Service properties as DS passes them to a bind method. */
    static Map<String, Object> properties(String name, int ranking, long serviceId) {
        return Map.of(PolicyName.PROPERTY, name, Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, serviceId);
    }

    static DecisionServiceImpl.Config config(String policy) {
        return config(policy, DecisionServiceImpl.DEFAULT_POLICIES);
    }

    static DecisionServiceImpl.Config config(String policy, String defaults) {
        return new DecisionServiceImpl.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DecisionServiceImpl.Config.class;
            }

            @Override
            public String policy() {
                return policy;
            }

            @Override
            public String defaults() {
                return defaults;
            }

            @Override
            public double canaryShare() {
                return 0.1;
            }

            @Override
            public long canarySeconds() {
                return 600;
            }

            @Override
            public double canaryMargin() {
                return 0.05;
            }

            @Override
            public long canaryMinOutcomes() {
                return 20;
            }
        };
    }
}
