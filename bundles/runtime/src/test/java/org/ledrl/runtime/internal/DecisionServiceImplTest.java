package org.ledrl.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ledrl.runtime.internal.Fixtures.AGENT;
import static org.ledrl.runtime.internal.Fixtures.answering;
import static org.ledrl.runtime.internal.Fixtures.config;
import static org.ledrl.runtime.internal.Fixtures.observation;
import static org.ledrl.runtime.internal.Fixtures.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PriorConsumer;
import org.ledrl.api.prior.PriorBoard;

class DecisionServiceImplTest {

    private final DecisionServiceImpl service = new DecisionServiceImpl();

    private DecisionServiceImpl activated(String policySetting) {
        service.configure(config(policySetting));
        return service;
    }

    @Test
    void withoutAnyPolicyTheTaskStaysOnTheAgentsNode() {
        Decision decision = activated("").decide(observation());

        assertEquals(AGENT, decision.target());
        assertEquals(DecisionServiceImpl.NO_POLICY, decision.policy());
        assertEquals(DecisionServiceImpl.NO_POLICY, service.activePolicy());
    }

    @Test
    void theDocumentedDefaultDecidesWhateverTheRankingAndItsFallbackWhenItsModelCannotLoad() {
        OffloadingPolicy ranked = answering("agsp", 5);
        OffloadingPolicy mappo = answering("mappo", 5);
        OffloadingPolicy rules = answering("heuristic-prior", 5);
        activated("");
        service.addPolicy(ranked, properties("agsp", 100, 10));
        service.addPolicy(rules, properties("heuristic-prior", 0, 11));
        assertEquals("heuristic-prior", service.activePolicy(), "mappo is not installed: its fallback decides");
        assertEquals("fallback: the default mappo is not available", service.activePolicyReason());

        service.addPolicy(mappo, properties("mappo", 0, 12));
        assertEquals("mappo", service.activePolicy());
        assertEquals("default", service.activePolicyReason());
        assertEquals("mappo", service.decide(observation()).policy());

        service.removePolicy(mappo, properties("mappo", 0, 12));
        service.removePolicy(rules, properties("heuristic-prior", 0, 11));
        assertEquals("agsp", service.activePolicy());
        assertEquals("none of the defaults (mappo, heuristic-prior) is installed; highest ranking",
                service.activePolicyReason());
    }

    @Test
    void aConfiguredPolicyBeatsTheDefaultAndTheReasonSaysWhenItIsMissing() {
        OffloadingPolicy mappo = answering("mappo", 5);
        OffloadingPolicy greedy = answering("greedy", 5);
        activated("greedy");
        service.addPolicy(mappo, properties("mappo", 0, 10));
        assertEquals("mappo", service.activePolicy());
        assertEquals("'greedy' is configured but not installed; default", service.activePolicyReason());

        service.addPolicy(greedy, properties("greedy", 0, 11));
        assertEquals("greedy", service.activePolicy());
        assertEquals("configured", service.activePolicyReason());
        assertEquals("mappo", service.selectionFor(""));

        service.configure(Fixtures.config("", " greedy , mappo "));
        assertEquals("greedy", service.activePolicy(), "the defaults setting is a comma-separated list");
        assertEquals("default", service.activePolicyReason());
    }

    @Test
    void theHighestRankedPolicyDecidesAndTheNextTakesOverWhenItLeaves() {
        OffloadingPolicy low = answering("low", 5);
        OffloadingPolicy high = answering("high", 5);
        activated("");
        service.addPolicy(low, properties("low", 0, 10));
        service.addPolicy(high, properties("high", 100, 11));

        assertEquals("high", service.activePolicy());
        assertEquals("high", service.decide(observation()).policy());

        service.removePolicy(high, properties("high", 100, 11));
        assertEquals("low", service.decide(observation()).policy());
    }

    @Test
    void aRankingChangeOfARunningServiceReordersThePolicies() {
        OffloadingPolicy a = answering("a", AGENT);
        OffloadingPolicy b = answering("b", AGENT);
        activated("");
        service.addPolicy(a, properties("a", 5, 1));
        service.addPolicy(b, properties("b", 1, 2));
        assertEquals("a", service.activePolicy());

        service.updatedPolicy(b, properties("b", 9, 2));

        assertEquals("b", service.activePolicy());
        assertEquals(2, service.installed().size(), "an update replaces, it does not add");
    }

    @Test
    void onEqualRankingTheOlderServiceWins() {
        activated("");
        service.addPolicy(answering("newer", AGENT), properties("newer", 0, 30));
        service.addPolicy(answering("older", AGENT), properties("older", 0, 3));

        assertEquals("older", service.activePolicy());
    }

    @Test
    void theConfiguredPolicyBeatsRankingAndAnUninstalledNameFallsBackToRanking() {
        activated("");
        service.addPolicy(answering("best", AGENT), properties("best", 100, 1));
        service.addPolicy(answering("chosen", AGENT), properties("chosen", 0, 2));

        service.configure(config("chosen"));
        assertEquals("chosen", service.activePolicy());

        service.configure(config("not-installed"));
        assertEquals("best", service.activePolicy());

        service.addPolicy(answering("not-installed", AGENT), properties("not-installed", -5, 3));
        assertEquals("not-installed", service.activePolicy(), "picked up as soon as it is installed");

        service.configure(config(""));
        assertEquals("best", service.activePolicy());
    }

    @Test
    void aPolicyThatThrowsOrAnswersNullIsCountedAndTheTaskStaysLocal() {
        OffloadingPolicy throwing = new OffloadingPolicy() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                throw new IllegalStateException("model not loaded");
            }
        };
        activated("");
        service.addPolicy(throwing, properties("throwing", 0, 1));

        Decision decision = service.decide(observation());
        assertEquals(AGENT, decision.target());
        assertEquals(DecisionServiceImpl.FALLBACK, decision.policy());

        service.removePolicy(throwing, properties("throwing", 0, 1));
        service.addPolicy(answering("silent", 5), Map.of()); // no properties: name from the policy itself
        OffloadingPolicy answersNull = new OffloadingPolicy() {
            @Override
            public String name() {
                return "null";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                return null;
            }
        };
        service.addPolicy(answersNull, properties("null", 50, 2));
        assertEquals(AGENT, service.decide(observation()).target());

        assertEquals(2, service.policyErrors());
        assertEquals(0, service.invalidAnswers());
        assertEquals(2, service.decisions());
    }

    @Test
    void anAnswerThatIsNotAnAvailableCandidateIsCountedAndTheTaskStaysLocal() {
        activated("");
        service.addPolicy(answering("to-down-node", 7), properties("to-down-node", 0, 1));
        assertEquals(AGENT, service.decide(observation()).target());

        service.addPolicy(answering("to-stranger", 42), properties("to-stranger", 1, 2));
        assertEquals(AGENT, service.decide(observation()).target());

        service.addPolicy(answering("to-neighbour", 5), properties("to-neighbour", 2, 3));
        assertEquals(5, service.decide(observation()).target());

        assertEquals(2, service.invalidAnswers());
        assertEquals(0, service.policyErrors());
    }

    @Test
    void policiesGetTheLatestPriorOfTheAgentAndTheBoardSeesTheObservation() {
        List<StrategyPrior> seen = new ArrayList<>();
        OffloadingPolicy recording = priorConsumer("recording", seen::add);
        StrategyPrior advice = new StrategyPrior(AGENT, List.of(), GlobalStrategy.values()[1], "spread load", "test",
                0L);
        List<Observation> observed = new CopyOnWriteArrayList<>();
        PriorBoard board = board(advice, observed);
        activated("");
        service.addPolicy(recording, properties("recording", 0, 1));

        service.decide(observation());
        service.setPriorBoard(board);
        service.decide(observation());

        assertEquals(2, seen.size());
        assertEquals(StrategyPrior.none(AGENT), seen.get(0), "no board: the null prior");
        assertSame(advice, seen.get(1));
        assertEquals(List.of(observation()), observed);
    }

    @Test
    void aPolicyThatTakesNoPriorsGetsTheNullPriorAndTheBoardIsNotAsked() {
        List<StrategyPrior> seen = new ArrayList<>();
        List<Observation> observed = new CopyOnWriteArrayList<>();
        StrategyPrior advice = new StrategyPrior(AGENT, List.of(), GlobalStrategy.values()[1], "spread load", "test",
                0L);
        activated("");
        service.addPolicy(new OffloadingPolicy() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                seen.add(prior);
                return Decision.of(observation.agent(), name());
            }
        }, properties("plain", 0, 1));
        service.setPriorBoard(board(advice, observed));

        service.decide(observation());

        assertEquals(List.of(StrategyPrior.none(AGENT)), seen);
        assertEquals(List.of(), observed, "the board is not asked for a policy that takes no priors");
    }

    /** A policy that declares it consumes priors and hands each one it gets to {@code onPrior}. */
    private static OffloadingPolicy priorConsumer(String name, java.util.function.Consumer<StrategyPrior> onPrior) {
        return new PriorConsumer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public PriorNeeds priorNeeds() {
                return new PriorNeeds(Source.HEURISTIC, false, false);
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                onPrior.accept(prior);
                return Decision.of(observation.agent(), name());
            }
        };
    }

    @Test
    void aReplacedBoardIsNotLostWhenDsUnbindsTheOldOneAfterBindingTheNew() {
        StrategyPrior first = new StrategyPrior(AGENT, List.of(), GlobalStrategy.values()[1], "first", "a", 0L);
        StrategyPrior second = new StrategyPrior(AGENT, List.of(), GlobalStrategy.values()[1], "second", "b", 0L);
        PriorBoard old = board(first, new ArrayList<>());
        PriorBoard replacement = board(second, new ArrayList<>());
        AtomicBoolean sawSecond = new AtomicBoolean();
        activated("");
        service.addPolicy(priorConsumer("probe", prior -> sawSecond.set(prior == second)), properties("probe", 0, 1));

        service.setPriorBoard(old);
        service.setPriorBoard(replacement); // greedy replacement: bind new, then unbind old
        service.unsetPriorBoard(old);
        service.decide(observation());

        assertEquals(true, sawSecond.get());
    }

    @Test
    void aBoardThatThrowsMeansNoPriorNotAFailedDecision() {
        activated("");
        List<StrategyPrior> seen = new ArrayList<>();
        service.addPolicy(priorConsumer("consumer", seen::add), properties("consumer", 0, 1));
        service.setPriorBoard(new PriorBoard() {
            @Override
            public StrategyPrior latest(int node) {
                throw new IllegalStateException("board broken");
            }

            @Override
            public void observe(Observation observation) {
            }
        });

        Decision decision = service.decide(observation());

        assertNotNull(decision);
        assertEquals("consumer", decision.policy(), "the policy decided, no fallback");
        assertEquals(List.of(StrategyPrior.none(AGENT)), seen, "decided with the null prior");
        assertEquals(0, service.policyErrors());
    }

    /** Outcomes reach the policy deciding now when it learns from them, and no other. */
    @Test
    void outcomesReachTheCurrentPolicyWhenItLearnsFromThem() {
        List<org.ledrl.api.model.Outcome> heard = new java.util.ArrayList<>();
        class Learning implements org.ledrl.api.policy.OffloadingPolicy, org.ledrl.api.eval.Evaluator {
            @Override
            public String name() {
                return "learning";
            }

            @Override
            public Decision decide(Observation observation, StrategyPrior prior) {
                return Decision.of(AGENT, name());
            }

            @Override
            public void onOutcome(org.ledrl.api.model.Outcome outcome) {
                heard.add(outcome);
            }
        }
        activated("");
        service.addPolicy(new Learning(), properties("learning", 10, 1));
        org.ledrl.api.model.Outcome outcome = new org.ledrl.api.model.Outcome(observation().task(), AGENT, 0,
                org.ledrl.api.model.FailureReason.NONE, 1.0, 1.0, 1_000, 1.0);
        service.outcome(outcome);
        assertEquals(List.of(outcome), heard);
        service.addPolicy(answering("other", AGENT), properties("other", 100, 2));
        service.outcome(outcome);
        assertEquals(1, heard.size(), "a policy that is not deciding hears nothing");
    }

    private static PriorBoard board(StrategyPrior prior, List<Observation> observed) {
        return new PriorBoard() {
            @Override
            public StrategyPrior latest(int node) {
                return prior;
            }

            @Override
            public void observe(Observation observation) {
                observed.add(observation);
            }
        };
    }
}
