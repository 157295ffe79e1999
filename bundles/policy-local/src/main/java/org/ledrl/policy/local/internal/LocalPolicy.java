package org.ledrl.policy.local.internal;

import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code local} policy: every task runs on the node it arrived at, whatever the network looks
 * like. It never pays for a transfer and never depends on a link, so it does well when links are
 * slow or fail often and the nodes are lightly loaded; it does badly as soon as one node gets more
 * work than it can finish before the deadlines while its neighbours sit idle. It is the lower
 * bound every other policy must beat, and the behaviour the decision service falls back to.
 *
 * <p>Stateless: one instance serves every run and every thread.
 */
@Component(service = OffloadingPolicy.class)
@PolicyName(LocalPolicy.NAME)
public final class LocalPolicy implements OffloadingPolicy {

    static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        return Decision.of(observation.agent(), NAME);
    }
}
