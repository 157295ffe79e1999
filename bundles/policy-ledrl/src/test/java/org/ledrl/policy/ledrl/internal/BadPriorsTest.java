package org.ledrl.policy.ledrl.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.internal.StandaloneRuntime;
import org.ledrl.policy.mappo.ActorEngine;
import org.ledrl.policy.mappo.CurvePoint;
import org.ledrl.policy.mappo.MisleadingPriors;
import org.ledrl.prior.RefreshPolicy;
import org.ledrl.prior.RefreshingPriorBoard;
import org.ledrl.prior.heuristic.HeuristicPrior;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.Scenarios;

/**
 * The shipped alignment actor against the shipped MAPPO actor on a paper-like 10-node scenario and unseen seeds:
 * with honest heuristic priors, with none, and with deliberately wrong ones. A wrong or missing prior may cost a
 * little, never a collapse: the success rate stays within a few points of MAPPO's.
 */
class BadPriorsTest {

    private static final MlRuntime RUNTIME = new StandaloneRuntime(Path.of(System.getProperty("user.home"), ".djl.ai"),
            1);
    private static final List<Long> SEEDS = List.of(1001L, 1002L, 1003L, 1004L);
    private static final double MARGIN = 0.04;

    private static LedrlHeuristicPolicy ledrl;
    private static ActorEngine mappo;

    static final PriorProvider HEURISTIC = new PriorProvider() {
        @Override
        public String name() {
            return "heuristic";
        }

        @Override
        public CompletionStage<StrategyPrior> propose(PromptContext context) {
            return CompletableFuture.completedFuture(HeuristicPrior.of(context));
        }
    };

    @BeforeAll
    static void load() {
        ledrl = new LedrlHeuristicPolicy(RUNTIME, config());
        mappo = new ActorEngine("mappo", RUNTIME, new ActorEngine.Shipped(ActorEngine.class.getClassLoader(),
                "models/mappo-paper.onnx", "models/mappo-paper-card.json", "models/mappo-paper-curve.csv"));
        mappo.configure("", "", 0);
    }

    @AfterAll
    static void close() {
        ledrl.close();
        mappo.close();
    }

    static Scenario scenario() throws Exception {
        return Scenarios.parse("""
                name: paper-10-like
                slots: 100
                episodes: 2
                topology: { type: random, nodes: 10, degree: 3.0 }
                nodes: { cpuGHz: [1.0, 4.0], queueCapacity: 32 }
                links: { rateMBps: [10, 40], latencyMs: [1, 5], rateChangeSlots: 10 }
                tasks: { arrivalProbability: [0.3, 1.0], sizeKB: [250, 500], cyclesPerBit: [800, 2400], deadlineS: 4.0 }
                failures: { nodeHardwareRate: 0.01, nodeSoftwareRate: 0.01, linkRate: 0.01 }
                """, "paper-10-like", List.of());
    }

    /** Mean success rate over the seeds; {@code provider} null means no prior board at all. */
    static double successRate(OffloadingPolicy policy, PriorProvider provider) throws Exception {
        double sum = 0;
        for (long seed : SEEDS) {
            Runner runner = Runner.of(scenario(), policy).seed(seed);
            if (provider != null) {
                RefreshingPriorBoard board = RefreshingPriorBoard.simulated(provider,
                        RefreshPolicy.defaults().withDelayMillis(700), null);
                runner.priors(board).evaluator(board);
            }
            sum += runner.run().total().successRate();
        }
        return sum / SEEDS.size();
    }

    /** The shipped mappo actor as its policy runs it: each run with what its agents did lately. */
    private static OffloadingPolicy mappoPolicy() {
        return new org.ledrl.policy.mappo.ActorRun("mappo", mappo);
    }

    @Test
    void wrongOrMissingPriorsCostLittleAgainstMappo() throws Exception {
        double reference = successRate(mappoPolicy(), null);
        double honest = successRate(ledrl, HEURISTIC);
        double none = successRate(ledrl, null);
        double misleading = successRate(ledrl, MisleadingPriors.inverting(HEURISTIC));
        System.out.printf(Locale.ROOT, "success: mappo %.4f, ledrl-heuristic with honest priors %.4f, no priors %.4f,"
                + " misleading priors %.4f%n", reference, honest, none, misleading);
        assertTrue(none >= reference - MARGIN, "without priors " + none + " vs mappo " + reference);
        assertTrue(misleading >= reference - MARGIN, "with misleading priors " + misleading + " vs mappo " + reference);
        // the priors are read at all: honest and misleading priors lead to different results
        assertTrue(Math.abs(honest - misleading) > 1e-3, "priors had no effect: " + honest + " vs " + misleading);
    }

    @Test
    void theShippedModelComesWithItsTrainingCurve() {
        List<CurvePoint> curve = ledrl.trainingCurve();
        assertTrue(curve.size() >= 32, "curve points (one per PPO update): " + curve.size());
        int reached = CurvePoint.episodesToReach(curve, 0.95, 10);
        assertTrue(reached >= 1 && reached <= curve.get(curve.size() - 1).episode(), "episodes to 95%: " + reached);
    }

    static ModelConfig config() {
        return new ModelConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ModelConfig.class;
            }

            @Override
            public String modelFile() {
                return "";
            }

            @Override
            public String cardFile() {
                return "";
            }

            @Override
            public int checkSeconds() {
                return 0;
            }
        };
    }
}
