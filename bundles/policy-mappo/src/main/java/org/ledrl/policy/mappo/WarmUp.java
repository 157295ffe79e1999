package org.ledrl.policy.mappo;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.policy.mappo.internal.DecisionBench;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic decisions a freshly loaded actor makes before it decides for real. The first decisions pay for two
 * things: compiling the encoder's and the actor's Java code, once per JVM and layout, and ONNX Runtime's first runs,
 * once per model. So the first actor of each layout makes {@value #COMPILING} decisions, while that code compiles;
 * every later one (another policy with the same layout, a swapped-in model) makes {@value #FIRST_RUNS} for its own
 * session and then waits, at most {@value #WAIT_SECONDS} s, until the first of its layout has ended, so that it
 * too ends on compiled code. Five policies that start at once used to make 3,000 each, beside the start.
 */
final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** Decisions of the first actor of a layout: enough for the client compiler to compile the decision's code. */
    static final int COMPILING = 3_000;
    /** Decisions of every later actor: ONNX Runtime's first runs of its session. */
    static final int FIRST_RUNS = 64;
    static final long WAIT_SECONDS = 30;
    /** Per layout, the first warm-up of this JVM; done when it ended (removed again if it failed). */
    private static final ConcurrentHashMap<String, CompletableFuture<Void>> COMPILED = new ConcurrentHashMap<>();

    private WarmUp() {
    }

    /** Warms {@code actor} up; returns how many synthetic decisions it made. */
    static int run(Actor actor, String policy) {
        long start = System.nanoTime();
        String layout = actor.card().observation().layout();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> first = COMPILED.putIfAbsent(layout, mine);
        int decisions = first == null ? COMPILING : FIRST_RUNS;
        boolean ended = false;
        try {
            decide(actor, policy, decisions);
            ended = true;
        } finally {
            if (first == null) {
                if (!ended) {
                    COMPILED.remove(layout, mine); // failed: the next actor of this layout compiles instead
                }
                mine.complete(null); // those waiting for it go on either way
            }
        }
        if (first != null) {
            awaitQuietly(first);
        }
        LOG.debug("{} policy: warmed up in {} ms ({} decisions)", policy, (System.nanoTime() - start) / 1_000_000,
                decisions);
        return decisions;
    }

    private static void decide(Actor actor, String policy, int decisions) {
        List<Observation> observations = DecisionBench.observations(actor.card().observation().maxNodes(), 64, 1);
        RecentActivity scratch = new RecentActivity();
        for (int i = 0; i < decisions; i++) {
            Observation o = observations.get(i % observations.size());
            actor.decide(o, StrategyPrior.none(o.agent()), scratch, policy);
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> first) {
        try {
            first.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // never completed exceptionally; after the wait this actor decides as it is
        }
    }

    /** Whether the first warm-up of {@code layout} in this JVM has ended. */
    static boolean compiled(String layout) {
        CompletableFuture<Void> first = COMPILED.get(layout);
        return first != null && first.isDone();
    }

    /** Forgets which layouts were compiled: for tests that count the decisions. */
    static void forgetForTests() {
        COMPILED.clear();
    }
}
