package org.ledrl.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ledrl.api.model.FailureReason;
import org.junit.jupiter.api.Test;

class LiveJsonTest {

    private final LiveJson json = new LiveJson();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private InvalidRequestException badTask(String body) {
        return assertThrows(InvalidRequestException.class, () -> json.task(bytes(body)));
    }

    @Test
    void readsATaskWithCyclesPerBit() throws Exception {
        TaskRequest task = json.task(bytes("""
                {"requestId":"r1","origin":3,"sizeKB":300,"cyclesPerBit":1200,"deadlineS":4,"type":"video-analytics"}"""));
        assertEquals(new TaskRequest("r1", 3, 300, 1200, Double.NaN, 4, "video-analytics"), task);
        assertEquals(1200, task.cyclesPerBit(3.0));
    }

    @Test
    void convertsAComputeTimeOnTheReferenceCpuToCyclesPerBit() throws Exception {
        TaskRequest task = json.task(bytes("{\"sizeKB\":250,\"computeSeconds\":2,\"deadlineS\":4}"));
        assertEquals(TaskRequest.LOCAL_ORIGIN, task.origin());
        assertEquals(TaskRequest.DEFAULT_TYPE, task.type());
        assertEquals("", task.requestId());
        // 2 s at 3 GHz = 6e9 cycles over 250 kB = 2e6 bits
        assertEquals(3000, task.cyclesPerBit(3.0), 1e-9);
    }

    @Test
    void namesTheFieldAndTheProblem() {
        InvalidRequestException missing = badTask("{\"cyclesPerBit\":1000,\"deadlineS\":4}");
        assertEquals("sizeKB", missing.field());
        assertTrue(missing.problem().contains("required"), missing.problem());

        InvalidRequestException negative = badTask("{\"sizeKB\":-3,\"cyclesPerBit\":1000,\"deadlineS\":4}");
        assertEquals("sizeKB", negative.field());
        assertTrue(negative.problem().contains("-3"), negative.problem());

        InvalidRequestException text = badTask("{\"sizeKB\":\"300\",\"cyclesPerBit\":1000,\"deadlineS\":4}");
        assertEquals("sizeKB", text.field());

        assertEquals("cyclesPerBit", badTask("{\"sizeKB\":3,\"deadlineS\":4}").field());
        assertEquals("computeSeconds",
                badTask("{\"sizeKB\":3,\"cyclesPerBit\":9,\"computeSeconds\":1,\"deadlineS\":4}").field());
        assertEquals("deadlineS", badTask("{\"sizeKB\":3,\"cyclesPerBit\":9,\"deadlineS\":0}").field());
        assertEquals("origin", badTask("{\"sizeKB\":3,\"cyclesPerBit\":9,\"deadlineS\":1,\"origin\":1.5}").field());
        assertEquals("type", badTask("{\"sizeKB\":3,\"cyclesPerBit\":9,\"deadlineS\":1,\"type\":\"a b\"}").field());
    }

    @Test
    void refusesUnknownFieldsSoThatTyposShow() {
        InvalidRequestException typo = badTask("{\"sizeKb\":3,\"cyclesPerBit\":9,\"deadlineS\":1}");
        assertEquals("sizeKb", typo.field());
        assertTrue(typo.problem().contains("sizeKB"), "lists the real fields: " + typo.problem());
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertEquals("", badTask("{\"sizeKB\":3,").field());
        assertEquals("", badTask("[1,2]").field());
        assertEquals("", badTask("{\"sizeKB\":NaN,\"cyclesPerBit\":9,\"deadlineS\":1}").field());
        InvalidRequestException large = badTask("{\"type\":\"" + "x".repeat(LiveJson.MAX_BODY_BYTES) + "\"}");
        assertTrue(large.problem().contains("bytes"), large.problem());
    }

    @Test
    void refusesNullForAnOptionalFieldAndContentAfterTheObject() {
        InvalidRequestException nullOrigin = badTask("{\"sizeKB\":3,\"cyclesPerBit\":9,\"deadlineS\":1,\"origin\":null}");
        assertEquals("origin", nullOrigin.field());
        assertTrue(nullOrigin.problem().contains("leave the field out"), nullOrigin.problem());
        assertEquals("cyclesPerBit",
                badTask("{\"sizeKB\":3,\"cyclesPerBit\":null,\"computeSeconds\":1,\"deadlineS\":1}").field());
        for (String tail : new String[] {"x", "{}", "\n\n{}"}) {
            InvalidRequestException trailing = badTask("{\"sizeKB\":3,\"cyclesPerBit\":9,\"deadlineS\":1}" + tail);
            assertTrue(trailing.problem().startsWith("unexpected content after the JSON value, at "),
                    trailing.problem());
        }
    }

    @Test
    void saysParseErrorsInItsOwnWords() {
        assertEquals("the request ends before the JSON object is closed, at character 12",
                badTask("{\"sizeKB\": 3").problem());
        InvalidRequestException nan = badTask("{\"sizeKB\":NaN,\"cyclesPerBit\":9,\"deadlineS\":1}");
        assertTrue(nan.problem().contains("NaN or Infinity") && !nan.problem().contains("ALLOW_NON_NUMERIC"),
                nan.problem());
    }

    @Test
    void readsOutcomes() throws Exception {
        assertEquals(new OutcomeReport("", 7, OutcomeReport.DECIDED_TARGET, FailureReason.NONE, 1.5),
                json.outcome(bytes("{\"taskId\":7,\"success\":true,\"latencyS\":1.5}")));
        assertEquals(new OutcomeReport("q", 7, 2, FailureReason.DEADLINE_MISSED, 4.0),
                json.outcome(bytes("{\"requestId\":\"q\",\"taskId\":7,\"executor\":2,\"failure\":\"DEADLINE_MISSED\","
                        + "\"latencyS\":4}")));
    }

    @Test
    void namesTheFaultOfAnOutcome() {
        assertEquals("failure", assertThrows(InvalidRequestException.class, () -> json.outcome(bytes(
                "{\"taskId\":7,\"failure\":\"NONE\",\"latencyS\":1}"))).field());
        assertEquals("success", assertThrows(InvalidRequestException.class, () -> json.outcome(bytes(
                "{\"taskId\":7,\"latencyS\":1}"))).field());
        assertEquals("success", assertThrows(InvalidRequestException.class, () -> json.outcome(bytes(
                "{\"taskId\":7,\"success\":false,\"latencyS\":1}"))).field());
        assertEquals("taskId", assertThrows(InvalidRequestException.class, () -> json.outcome(bytes(
                "{\"taskId\":-1,\"success\":true,\"latencyS\":1}"))).field());
        assertEquals("latencyS", assertThrows(InvalidRequestException.class, () -> json.outcome(bytes(
                "{\"taskId\":1,\"success\":true}"))).field());
    }

    @Test
    void writesDecisionsAndErrorsWithTheRequestId() {
        String decision = json.decision(new LiveDecision("abc", 5, 0, 2, "greedy",
                List.of(new LiveDecision.CandidateScore(0, 0.25), new LiveDecision.CandidateScore(2, Double.NaN)), 12.5,
                1000));
        assertEquals("{\"requestId\":\"abc\",\"taskId\":5,\"origin\":0,\"target\":2,\"policy\":\"greedy\",\"scores\":"
                + "[{\"node\":0,\"score\":0.25},{\"node\":2,\"score\":null}],\"decisionMicros\":12.5,"
                + "\"decidedAtMillis\":1000}", decision);
        String error = json.error(new InvalidRequestException("sizeKB", "must be positive"), "abc");
        assertEquals("{\"requestId\":\"abc\",\"error\":\"sizeKB: must be positive\",\"field\":\"sizeKB\","
                + "\"problem\":\"must be positive\"}", error);
        assertEquals("abc", json.requestIdOf(bytes("{\"requestId\":\"abc\",\"sizeKB\":-1}")));
        assertEquals("", json.requestIdOf(bytes("not json")));
    }
}
