package org.ledrl.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.junit.jupiter.api.Test;

class PriorValidatorTest {

    private final Observation obs = Situations.observation(5_000, 2, 0.3); // candidates 0, 1, 2

    private Verdict check(String answer) {
        return PriorValidator.validate(answer, obs, "qwen3:4b", 5_000);
    }

    private static final String VALID = """
            {"preferences":[{"node":0,"preference":0.2,"avoid":false},{"node":2,"preference":0.9,"avoid":false},
            {"node":1,"preference":0,"avoid":true}],"strategy":"SPREAD","rationale":"node 2 is idle"}""";

    @Test
    void acceptsAValidAnswer() {
        Verdict v = check(VALID);
        assertTrue(v.isAccepted(), v.toString());
        StrategyPrior prior = v.prior();
        assertEquals(0, prior.node());
        assertEquals(GlobalStrategy.SPREAD, prior.strategy());
        assertEquals(0.9, prior.preferenceFor(2).preference());
        assertTrue(prior.preferenceFor(1).avoid());
        assertEquals("qwen3:4b", prior.model());
        assertEquals(5_000, prior.issuedMillis());
        assertEquals("node 2 is idle", prior.rationale());
    }

    @Test
    void toleratesAThinkBlockAndACodeFence() {
        Verdict v = check("<think>node 2 looks idle</think>\n```json\n" + VALID + "\n```");
        assertTrue(v.isAccepted(), v.toString());
        assertEquals(3, v.prior().preferences().size());
    }

    @Test
    void rejectsProse() {
        Verdict v = check("I would send the task to node 2.");
        assertEquals(RejectionReason.NOT_JSON, v.reason());
        assertTrue(v.prior().isNone());
        assertEquals(RejectionReason.NOT_JSON, check("").reason());
        assertEquals(RejectionReason.NOT_JSON, check("[1,2]").reason());
    }

    @Test
    void rejectsAMissingField() {
        Verdict v = check("{\"preferences\":[],\"rationale\":\"x\"}");
        assertEquals(RejectionReason.MISSING_FIELD, v.reason());
        assertTrue(v.detail().contains("\"strategy\""), v.detail());
        Verdict inner = check("{\"preferences\":[{\"node\":1,\"avoid\":false}],\"strategy\":\"SPREAD\",\"rationale\":\"\"}");
        assertEquals(RejectionReason.MISSING_FIELD, inner.reason());
        assertTrue(inner.detail().contains("preferences[0]") && inner.detail().contains("preference"), inner.detail());
    }

    @Test
    void rejectsANodeThatIsNotACandidate() {
        Verdict v = check(VALID.replace("\"node\":2", "\"node\":12"));
        assertEquals(RejectionReason.UNKNOWN_NODE, v.reason());
        assertTrue(v.detail().contains("12") && v.detail().contains("candidates: 0, 1, 2"), v.detail());
    }

    @Test
    void rejectsValuesOutOfRange() {
        Verdict high = check(VALID.replace("0.9", "1.5"));
        assertEquals(RejectionReason.OUT_OF_RANGE, high.reason());
        assertTrue(high.detail().contains("1.5"), high.detail());
        assertEquals(RejectionReason.OUT_OF_RANGE, check(VALID.replace("0.2", "-0.1")).reason());
        Verdict strategy = check(VALID.replace("SPREAD", "GO_FAST"));
        assertEquals(RejectionReason.OUT_OF_RANGE, strategy.reason());
        assertTrue(strategy.detail().contains("GO_FAST"), strategy.detail());
    }

    @Test
    void rejectsWrongTypesAndDuplicates() {
        assertEquals(RejectionReason.WRONG_TYPE, check(VALID.replace("0.9", "\"high\"")).reason());
        assertEquals(RejectionReason.WRONG_TYPE, check(VALID.replace("\"avoid\":true", "\"avoid\":\"yes\"")).reason());
        assertEquals(RejectionReason.WRONG_TYPE, check(VALID.replace("\"node\":2", "\"node\":2.5")).reason());
        assertEquals(RejectionReason.DUPLICATE_NODE, check(VALID.replace("\"node\":2", "\"node\":0")).reason());
    }

    @Test
    void schemaListsTheCandidatesAndTheStrategies() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(PriorSchema.forObservation(obs));
        JsonNode node = schema.at("/properties/preferences/items/properties/node/enum");
        assertEquals("[0,1,2]", node.toString());
        assertEquals("[\"KEEP_LOCAL\",\"SPREAD\",\"AVOID_FAILING_REGION\",\"PREFER_FAST_LINKS\"]",
                schema.at("/properties/strategy/enum").toString());
        assertEquals("[\"preferences\",\"strategy\",\"rationale\"]", schema.get("required").toString());
        assertFalse(schema.get("additionalProperties").asBoolean());
    }
}
