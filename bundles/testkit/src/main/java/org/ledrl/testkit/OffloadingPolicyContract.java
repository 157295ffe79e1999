package org.ledrl.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.testkit.internal.HotPathRecorder;
import org.ledrl.testkit.internal.Rules;

/**
 * What every {@link OffloadingPolicy} must do, as JUnit 5 tests: extend it and return the policy under test from
 * {@link #policy()}. Each failure message starts with the rule that was broken:
 * <ul>
 *     <li>{@value #AVAILABLE}: the target is an available candidate (node and path up), or the agent's own node when
 *     none is;</li>
 *     <li>{@value #EDGE_CASES}: no candidates, all candidates down, a stale status (unknown, never healthy), the
 *     agent's own node down: an answer, no exception;</li>
 *     <li>{@value #THREAD_SAFE}: one instance decides for many threads at once with the answers it gives one
 *     thread;</li>
 *     <li>{@value #DETERMINISTIC} and {@value #ISOLATED}: {@code forRun(seed)} gives the same decisions for the
 *     same seed, whatever other copies do meanwhile;</li>
 *     <li>{@value #NO_IO}: {@code decide} reads no file, opens no socket, never sleeps or waits (recorded with JDK
 *     Flight Recorder on the deciding thread).</li>
 * </ul>
 */
public abstract class OffloadingPolicyContract {

    public static final String AVAILABLE = "chooses an available candidate or its own node";
    public static final String EDGE_CASES = "handles no candidates, all candidates down and stale status";
    public static final String THREAD_SAFE = "thread-safe under concurrent decide";
    public static final String DETERMINISTIC = "forRun(seed) is deterministic";
    public static final String ISOLATED = "forRun(seed) copies are isolated";
    public static final String NO_IO = "no I/O or blocking on the hot path";

    private static final int SITUATIONS = 400;
    private static final int THREADS = 4;
    private static final int ROUNDS = 8;

    /** The policy under test, as its component would register it. Called once per test. */
    protected abstract OffloadingPolicy policy();

    /** The prior the policy is given for an observation; the null prior unless overridden (for a prior consumer). */
    protected StrategyPrior prior(Observation observation) {
        return StrategyPrior.none(observation.agent());
    }

    @Test
    void choosesAnAvailableCandidateOrItsOwnNode() {
        OffloadingPolicy policy = policy();
        for (Observation o : Situations.random(1, SITUATIONS)) {
            checkTarget(o, decide(policy, o, AVAILABLE), AVAILABLE);
        }
    }

    @Test
    void handlesNoCandidatesAllDownAndStaleStatus() {
        OffloadingPolicy policy = policy();
        List<Observation> cases = List.of(Situations.noCandidates(), Situations.allDown(), Situations.staleStatus(),
                Situations.selfDown());
        List<String> names = List.of("no candidates", "all candidates down", "stale status", "own node down");
        for (int i = 0; i < cases.size(); i++) {
            Observation o = cases.get(i);
            Decision d = decide(policy, o, EDGE_CASES);
            Rules.check(d.target() == o.agent(), EDGE_CASES, "with " + names.get(i) + " the task must stay on node "
                    + o.agent() + ", but went to node " + d.target());
        }
    }

    @Test
    void isThreadSafeUnderConcurrentDecide() throws Exception {
        OffloadingPolicy policy = policy();
        List<Observation> situations = Situations.random(1_000, SITUATIONS);
        List<Decision> first = decideAll(policy, situations, THREAD_SAFE);
        boolean deterministic = first.equals(decideAll(policy, situations, THREAD_SAFE));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Decision>>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                runs.add(pool.submit(() -> {
                    List<Decision> last = null;
                    for (int round = 0; round < ROUNDS; round++) {
                        last = decideAll(policy, situations, THREAD_SAFE);
                        for (int i = 0; i < situations.size(); i++) {
                            checkTarget(situations.get(i), last.get(i), THREAD_SAFE);
                            if (deterministic && last.get(i).target() != first.get(i).target()) {
                                throw Rules.broken(THREAD_SAFE, "decided alone, situation " + i + " went to node "
                                        + first.get(i).target() + "; decided beside other threads, to node "
                                        + last.get(i).target());
                            }
                        }
                    }
                    return last;
                }));
            }
            for (Future<List<Decision>> run : runs) {
                try {
                    run.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AssertionError a) {
                        throw a;
                    }
                    throw Rules.broken(THREAD_SAFE, "decide threw beside other threads: " + e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forRunIsDeterministic() {
        List<Observation> situations = Situations.random(2_000, SITUATIONS);
        List<Decision> a = decideAll(forRun(42), situations, DETERMINISTIC);
        List<Decision> b = decideAll(forRun(42), situations, DETERMINISTIC);
        for (int i = 0; i < situations.size(); i++) {
            Rules.check(a.get(i).target() == b.get(i).target(), DETERMINISTIC, "two copies for seed 42 sent situation "
                    + i + " to nodes " + a.get(i).target() + " and " + b.get(i).target());
        }
    }

    @Test
    void forRunCopiesAreIsolated() {
        List<Observation> situations = Situations.random(3_000, SITUATIONS);
        List<Observation> others = Situations.random(4_000, SITUATIONS);
        List<Decision> alone = decideAll(forRun(7), situations, ISOLATED);
        OffloadingPolicy shared = policy();
        OffloadingPolicy mine = forRun(7);
        OffloadingPolicy sameSeed = forRun(7);
        OffloadingPolicy otherSeed = forRun(8);
        for (int i = 0; i < situations.size(); i++) {
            decide(sameSeed, others.get(i), ISOLATED);
            decide(otherSeed, others.get(i), ISOLATED);
            decide(shared, others.get(i), ISOLATED);
            Decision d = decide(mine, situations.get(i), ISOLATED);
            Rules.check(d.target() == alone.get(i).target(), ISOLATED, "a copy for seed 7 sent situation " + i
                    + " to node " + alone.get(i).target() + " when alone, to node " + d.target()
                    + " while other copies decided: they share state");
        }
    }

    @Test
    void doesNoIoOnTheHotPath() {
        OffloadingPolicy policy = policy();
        List<Observation> situations = Situations.random(5_000, 200);
        List<StrategyPrior> priors = situations.stream().map(this::prior).toList();
        Runnable work = () -> {
            for (int i = 0; i < situations.size(); i++) {
                policy.decide(situations.get(i), priors.get(i));
            }
        };
        work.run(); // loads the classes decide needs: loading them reads jars
        List<String> calls = HotPathRecorder.blockingCalls(work);
        Rules.check(calls.isEmpty(), NO_IO, calls.size() + " blocking calls in decide, first: "
                + (calls.isEmpty() ? "" : calls.get(0)));
    }

    private OffloadingPolicy forRun(long seed) {
        OffloadingPolicy copy = policy().forRun(seed);
        Rules.check(copy != null, DETERMINISTIC, "forRun(" + seed + ") returned null");
        return copy;
    }

    private List<Decision> decideAll(OffloadingPolicy policy, List<Observation> situations, String rule) {
        List<Decision> decisions = new ArrayList<>(situations.size());
        for (Observation o : situations) {
            decisions.add(decide(policy, o, rule));
        }
        return decisions;
    }

    private Decision decide(OffloadingPolicy policy, Observation o, String rule) {
        Decision d;
        try {
            d = policy.decide(o, Objects.requireNonNullElse(prior(o), StrategyPrior.none(o.agent())));
        } catch (RuntimeException e) {
            throw Rules.broken(rule, "decide threw " + e + " for agent " + o.agent() + " with "
                    + (o.candidates().size() - 1) + " neighbours (" + available(o) + " available)");
        }
        Rules.check(d != null, rule, "decide returned null");
        return d;
    }

    private static long available(Observation o) {
        return o.candidates().stream().skip(1).filter(Candidate::available).count();
    }

    private static void checkTarget(Observation o, Decision d, String rule) {
        if (d.target() == o.agent()) {
            return;
        }
        int index = o.indexOf(d.target());
        if (index < 0) {
            throw Rules.broken(rule, "node " + d.target() + " is not a candidate of agent " + o.agent());
        }
        Candidate c = o.candidates().get(index);
        Rules.check(c.available(), rule, "node " + d.target() + " is not available (health " + c.status().health()
                + ", path " + (c.pathUp() ? "up" : "down") + ")");
    }
}
