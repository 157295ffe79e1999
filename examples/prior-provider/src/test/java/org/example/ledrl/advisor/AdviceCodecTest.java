package org.example.ledrl.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.testkit.Situations;
import org.junit.jupiter.api.Test;

/** The wire format: what the service is told, what becomes a prior, and the reason for what does not. */
class AdviceCodecTest {

    private final Observation asked = Situations.allDown();

    @Test
    void turnsScoresAndAvoidsIntoPreferences() throws Refused {
        StrategyPrior p = AdviceCodec.answer(DemoAdvisor.byQueue(AdviceCodec.request(asked)), asked, 5);
        assertEquals(4, p.preferences().size());
        assertTrue(p.preferenceFor(1).avoid(), "node 1 is down");
        assertEquals(1 / 7.0, p.preferenceFor(0).preference(), 1e-3);
        assertEquals(5, p.issuedMillis());
    }

    @Test
    void namesTheReasonOfARefusal() {
        assertEquals("not JSON", refused("{\"scores\": {").reason());
        assertEquals("missing scores", refused("{\"advice\": 1}").reason());
        assertEquals("unknown node", refused("{\"scores\": {\"42\": 0.5}}").reason());
        assertEquals("score out of range", refused("{\"scores\": {\"1\": 1.5}}").reason());
        assertEquals("unknown strategy", refused("{\"scores\": {}, \"strategy\": \"HOPE\"}").reason());
        assertEquals("score out of range: node 1 scored \"high\", not in [0,1]",
                refused("{\"scores\": {\"1\": \"high\"}}").getMessage());
    }

    private Refused refused(String answer) {
        return assertThrows(Refused.class, () -> AdviceCodec.answer(answer, asked, 0));
    }
}
