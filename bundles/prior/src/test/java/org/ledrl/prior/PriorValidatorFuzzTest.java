package org.ledrl.prior;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.ledrl.api.model.Observation;
import org.ledrl.json.fuzz.Mutants;
import org.ledrl.json.fuzz.Refusals;

/** Fuzzes LLM answers: 10,000 mutants of valid and typical answers, each accepted or rejected with a reason. */
class PriorValidatorFuzzTest {

    private static final List<String> ANSWERS = List.of("""
            {"preferences":[{"node":0,"preference":0.2,"avoid":false},{"node":2,"preference":0.9,"avoid":false},
            {"node":1,"preference":0,"avoid":true}],"strategy":"SPREAD","rationale":"node 2 is idle"}""",
            "<think>node 1 is hot</think>```json\n{\"preferences\":[{\"node\":1,\"preference\":1,\"avoid\":false}],"
                    + "\"strategy\":\"LOCAL_FIRST\",\"rationale\":\"short\"}\n```",
            "Here is the prior: {\"preferences\":[],\"strategy\":\"SPREAD\",\"rationale\":\"\"}");

    private final Observation obs = Situations.observation(5_000, 2, 0.3);

    @Provide
    Arbitrary<String> answers() {
        return Mutants.of(ANSWERS, List.of("\"preference\":", "\"node\":", "\"avoid\":", "```", "<think>", "</think>"));
    }

    @Property(tries = 10_000)
    void everyAnswerIsAcceptedOrRejectedWithAReason(@ForAll @From("answers") String answer) throws Exception {
        Verdict verdict = Refusals.bounded(answer, () -> PriorValidator.validate(answer, obs, "m", 5_000));
        if (!verdict.isAccepted()) {
            Refusals.assertClear(verdict.detail(), answer);
        }
        Statistics.collect(verdict.isAccepted() ? "accepted" : verdict.reason().name());
    }
}
