package org.ledrl.policy.random.internal;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code random} policy: each task goes to one of the available candidates (up node, up path),
 * drawn uniformly, the agent's own node included; when none is available the task stays on the
 * agent's node. It spreads load evenly without looking at it, so it does fairly well when nodes
 * and links are alike and lightly loaded, and badly when they differ or a few are overloaded. Its
 * use is as a reference point: a learned policy that does not beat it has learned nothing.
 *
 * <p>The service instance draws from {@link ThreadLocalRandom} and may be shared by any number of
 * threads. {@link #forRun(long)} returns an instance with its own seeded generator, so a run
 * repeated with the same seed makes the same choices.
 */
@Component(service = OffloadingPolicy.class)
@PolicyName(RandomPolicy.NAME)
public final class RandomPolicy implements OffloadingPolicy {

    static final String NAME = "random";

    /** Draws an int in {@code [0, bound)}. */
    private final IntUnaryOperator draw;

    public RandomPolicy() {
        this(bound -> ThreadLocalRandom.current().nextInt(bound));
    }

    private RandomPolicy(IntUnaryOperator draw) {
        this.draw = draw;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        List<Candidate> candidates = observation.candidates();
        int available = 0;
        for (Candidate candidate : candidates) {
            if (candidate.available()) {
                available++;
            }
        }
        if (available == 0) {
            return Decision.of(observation.agent(), NAME);
        }
        int pick = draw.applyAsInt(available);
        for (Candidate candidate : candidates) {
            if (candidate.available() && pick-- == 0) {
                return Decision.of(candidate.node(), NAME);
            }
        }
        throw new AssertionError("unreachable: pick < available");
    }

    /** A copy with its own generator seeded with {@code seed}; {@link Random} keeps it safe to share. */
    @Override
    public OffloadingPolicy forRun(long seed) {
        Random random = new Random(seed);
        return new RandomPolicy(random::nextInt);
    }
}
