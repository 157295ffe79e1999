package org.ledrl.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PromptContext;
import org.junit.jupiter.api.Test;

class GuardedPriorProviderTest {

    private static final String VALID = """
            {"preferences":[{"node":1,"preference":0.8,"avoid":false}],"strategy":"SPREAD","rationale":"ok"}""";

    private final ScriptedChatClient server = new ScriptedChatClient();
    private final RejectionCounts counts = new RejectionCounts();
    private final GuardedPriorProvider provider = new GuardedPriorProvider("test", server, PromptBuilder::defaults,
            GuardedPriorProviderTest::fallback, Duration.ofSeconds(30), Runnable::run, counts);

    /** Stands in for the heuristic: a prior that says where it came from. */
    private static StrategyPrior fallback(PromptContext context) {
        Observation obs = context.observation();
        return new StrategyPrior(obs.agent(), List.of(new NodePreference(obs.agent(), 1.0, false)),
                GlobalStrategy.KEEP_LOCAL, "fallback", "fallback", obs.timeMillis());
    }

    private static PromptContext at(long millis) {
        return Situations.context(Situations.observation(millis, 2, 0.3));
    }

    @Test
    void aValidFirstAnswerIsTheResult() {
        server.then(VALID);
        Consultation c = provider.consult(at(1000));
        assertEquals(Consultation.Source.LLM, c.source());
        assertEquals(1, c.attempts().size());
        assertEquals("scripted", c.prior().model());
        assertEquals(0.8, c.prior().preferenceFor(1).preference());
        assertEquals(0, counts.total());
        List<ChatTurn> sent = server.conversations.get(0);
        assertEquals(ChatTurn.Role.SYSTEM, sent.get(0).role());
        assertEquals(c.prompt().user(), sent.get(1).text());
        assertTrue(server.schemas.get(0).contains("\"enum\":[0,1,2]"), server.schemas.get(0));
    }

    @Test
    void aRejectedAnswerIsRetriedOnceWithTheErrorFedBack() {
        server.then("{\"preferences\":[{\"node\":12,\"preference\":0.5,\"avoid\":false}],\"strategy\":\"SPREAD\",\"rationale\":\"\"}")
                .then(VALID);
        Consultation c = provider.consult(at(1000));
        assertEquals(Consultation.Source.LLM, c.source());
        assertEquals(2, c.attempts().size());
        assertEquals(RejectionReason.UNKNOWN_NODE, c.attempts().get(0).verdict().reason());
        List<ChatTurn> retry = server.conversations.get(1);
        assertEquals(4, retry.size());
        assertEquals(ChatTurn.Role.ASSISTANT, retry.get(2).role());
        assertTrue(retry.get(3).text().contains("node 12 is not a candidate"), retry.get(3).text());
        assertEquals(1, counts.get(RejectionReason.UNKNOWN_NODE));
    }

    @Test
    void twoBadAnswersFallBackToTheHeuristicAndAreCountedPerReason() {
        server.then("not json at all").then("{\"preferences\":[{\"node\":1,\"preference\":7,\"avoid\":false}],"
                + "\"strategy\":\"SPREAD\",\"rationale\":\"\"}");
        Consultation c = provider.consult(at(1000));
        assertEquals(Consultation.Source.FALLBACK, c.source());
        assertEquals("fallback", c.prior().model());
        assertEquals(1, counts.get(RejectionReason.NOT_JSON));
        assertEquals(1, counts.get(RejectionReason.OUT_OF_RANGE));
    }

    @Test
    void aFailedAnswerFallsBackToTheLastValidPriorWhileItIsYoung() {
        server.then(VALID).thenFail(RejectionReason.TIMEOUT, "slow").thenFail(RejectionReason.SERVER_ERROR, "HTTP 500");
        StrategyPrior first = provider.consult(at(1000)).prior();

        Consultation young = provider.consult(at(20_000));
        assertEquals(Consultation.Source.LAST_VALID, young.source());
        assertEquals(first, young.prior());
        assertEquals(1, young.attempts().size(), "no retry for a missing answer: the error is not the model's");

        Consultation old = provider.consult(at(40_000));
        assertEquals(Consultation.Source.FALLBACK, old.source());
        assertEquals(1, counts.get(RejectionReason.TIMEOUT));
        assertEquals(1, counts.get(RejectionReason.SERVER_ERROR));
    }

    @Test
    void proposeNeverFailsEvenWhenTheClientThrows() {
        ChatClient broken = new ChatClient() {
            @Override
            public String model() {
                return "broken";
            }

            @Override
            public String complete(List<ChatTurn> conversation, String jsonSchema) {
                throw new IllegalStateException("boom");
            }
        };
        GuardedPriorProvider guarded = new GuardedPriorProvider("broken", broken, PromptBuilder::defaults,
                GuardedPriorProviderTest::fallback, Duration.ZERO, Runnable::run, counts);
        StrategyPrior prior = guarded.propose(at(1000)).toCompletableFuture().join();
        assertEquals("fallback", prior.model());
        assertEquals(1, counts.get(RejectionReason.SERVER_ERROR));
    }
}
