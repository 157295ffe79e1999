package org.ledrl.experiment.internal;

import static org.ledrl.experiment.internal.TestMemories.MEMORIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.api.policy.PriorConsumer;
import org.ledrl.prior.heuristic.HeuristicPrior;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.Scenarios;
import org.junit.jupiter.api.Test;

/** The experiment's prior wiring: prior-consuming policies get priors from the provider they declared, others none. */
class PriorWiringTest {

    /** Counts decisions made with a real prior, and the model that made those priors. */
    private static class Counting implements OffloadingPolicy {
        final AtomicInteger withPrior = new AtomicInteger();
        final AtomicInteger decisions = new AtomicInteger();
        /** decisions whose prior was made from the decision's own moment */
        final AtomicInteger freshPriors = new AtomicInteger();
        volatile String model = "";

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            decisions.incrementAndGet();
            if (!prior.isNone()) {
                withPrior.incrementAndGet();
                model = prior.model();
                if (prior.issuedMillis() == observation.timeMillis()) {
                    freshPriors.incrementAndGet();
                }
            }
            return Decision.of(observation.agent(), name());
        }
    }

    private static final class Consumer extends Counting implements PriorConsumer {
        private final Source source;

        Consumer(Source source) {
            this.source = source;
        }

        @Override
        public PriorNeeds priorNeeds() {
            return new PriorNeeds(source, source == Source.LLM, false);
        }
    }

    /** A stand-in "LLM" that answers like the heuristic but under its own model name. */
    private static final PriorProvider FAKE_LLM = new PriorProvider() {
        @Override
        public String name() {
            return "fake-llm";
        }

        @Override
        public CompletionStage<StrategyPrior> propose(PromptContext context) {
            StrategyPrior p = HeuristicPrior.of(context);
            return CompletableFuture.completedFuture(new StrategyPrior(p.node(), p.preferences(), p.strategy(),
                    p.rationale(), "fake-llm-model", p.issuedMillis()));
        }
    };

    private static Scenario scenario() throws Exception {
        return Scenarios.parse("""
                name: tiny
                slots: 30
                episodes: 1
                topology: { type: random, nodes: 6, degree: 2.5 }
                tasks: { arrivalProbability: [0.5, 1.0], sizeKB: [250, 500], cyclesPerBit: [800, 2400] }
                """, "tiny", List.of());
    }

    @Test
    void onlyPriorConsumersGetPriorsFromTheProviderTheyDeclared() throws Exception {
        PriorWiring wiring = new PriorWiring(List.of(FAKE_LLM), "fake-llm", 700, MEMORIES);
        Counting plain = new Counting();
        Consumer heuristic = new Consumer(PriorConsumer.Source.HEURISTIC);
        Consumer llm = new Consumer(PriorConsumer.Source.LLM);
        for (Counting policy : List.of(plain, heuristic, llm)) {
            wiring.runner(scenario(), policy, 3).run();
            assertTrue(policy.decisions.get() > 20, "decisions: " + policy.decisions.get());
        }
        assertEquals(0, plain.withPrior.get(), "a policy that consumes no priors got some");
        assertTrue(heuristic.withPrior.get() > heuristic.decisions.get() / 2, "heuristic priors: "
                + heuristic.withPrior.get() + " of " + heuristic.decisions.get());
        assertEquals("heuristic", heuristic.model);
        assertEquals(heuristic.withPrior.get(), heuristic.freshPriors.get(), "the heuristic has no latency");
        assertEquals(heuristic.decisions.get(), heuristic.withPrior.get(), "a fresh prior for every decision");
        assertEquals(0, llm.freshPriors.get(), "an LLM's priors are 700 ms late");
        assertTrue(llm.withPrior.get() > llm.decisions.get() / 2);
        assertEquals("fake-llm-model", llm.model);
        assertEquals("fake-llm (LLM)", wiring.providerFor(llm).orElseThrow().label());
    }

    @Test
    void withoutAnLlmProviderTheHeuristicStandsInAndTheLabelSaysSo() throws Exception {
        PriorWiring none = new PriorWiring(List.of(), "", 700, MEMORIES);
        Consumer llm = new Consumer(PriorConsumer.Source.LLM);
        none.runner(scenario(), llm, 3).run();
        assertEquals("heuristic", llm.model);
        assertEquals(0, llm.freshPriors.get(), "standing in for an LLM, the heuristic gets its delay");
        assertTrue(none.providerFor(llm).orElseThrow().label().contains("stand-in"));
        PriorWiring missing = new PriorWiring(List.of(), "ollama", 700, MEMORIES);
        assertTrue(missing.providerFor(llm).orElseThrow().label().contains("'ollama' is not installed"));
        assertTrue(none.providerFor(new Counting()).isEmpty());
    }
}
