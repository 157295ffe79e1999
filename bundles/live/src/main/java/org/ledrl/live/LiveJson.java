package org.ledrl.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ledrl.api.model.FailureReason;
import org.ledrl.json.InputErrors;
import org.ledrl.json.StrictJson;

/**
 * The JSON form of decision and outcome requests and their replies, the same over REST and MQTT
 * (the OpenAPI description of the REST bundle and the README of the live bundle document it).
 * Parsing is strict: a missing or ill-typed field, a value out of range, an unknown field (a typo
 * such as {@code sizeKb}), {@code null} for an optional field (leave it out instead) and anything after
 * the JSON object are an {@link InvalidRequestException} naming the field or the position, in the
 * project's words. Thread-safe.
 */
public final class LiveJson {

    /** Request bodies larger than this are refused unread. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Set<String> TASK_FIELDS = Set.of("requestId", "origin", "sizeKB", "cyclesPerBit",
            "computeSeconds", "deadlineS", "type");
    private static final Set<String> OUTCOME_FIELDS = Set.of("requestId", "taskId", "executor", "success", "failure",
            "latencyS");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_REQUEST_ID = 128;
    /** A day: anything longer is a unit mistake (milliseconds for seconds), not a task deadline. */
    private static final double MAX_SECONDS = 86_400;
    /** A terabyte, in kilobytes. */
    private static final double MAX_SIZE_KB = 1e9;

    /** One value, nothing after it, no key twice. */
    private final ObjectMapper reader = StrictJson.mapper();
    private final ObjectMapper mapper = new ObjectMapper();

    /** Reads a decision request. */
    public TaskRequest task(byte[] body) throws InvalidRequestException {
        JsonNode json = object(body, TASK_FIELDS);
        double cyclesPerBit = optionalPositive(json, "cyclesPerBit", 1e9);
        double computeSeconds = optionalPositive(json, "computeSeconds", MAX_SECONDS);
        if (Double.isNaN(cyclesPerBit) == Double.isNaN(computeSeconds)) {
            throw new InvalidRequestException(Double.isNaN(cyclesPerBit) ? "cyclesPerBit" : "computeSeconds",
                    "give exactly one of cyclesPerBit and computeSeconds");
        }
        JsonNode type = json.get("type");
        String typeName = TaskRequest.DEFAULT_TYPE;
        if (type != null) {
            if (!type.isTextual() || !TYPE.matcher(type.textValue()).matches()) {
                throw new InvalidRequestException("type", "must be 1 to 64 letters, digits, '.', '_' or '-', was "
                        + abbreviate(type.toString()));
            }
            typeName = type.textValue();
        }
        return new TaskRequest(requestId(json), optionalNode(json, "origin", TaskRequest.LOCAL_ORIGIN),
                requiredPositive(json, "sizeKB", MAX_SIZE_KB), cyclesPerBit, computeSeconds,
                requiredPositive(json, "deadlineS", MAX_SECONDS), typeName);
    }

    /** Reads an outcome report. */
    public OutcomeReport outcome(byte[] body) throws InvalidRequestException {
        JsonNode json = object(body, OUTCOME_FIELDS);
        JsonNode taskId = json.get("taskId");
        if (taskId == null || !taskId.canConvertToLong() || !taskId.isIntegralNumber() || taskId.longValue() < 0) {
            throw new InvalidRequestException("taskId", "must be the whole number the decision gave, was "
                    + describe(taskId));
        }
        JsonNode success = json.get("success");
        JsonNode failure = json.get("failure");
        if ((success == null) == (failure == null)) {
            throw new InvalidRequestException(success == null ? "success" : "failure",
                    "give exactly one of success (true) and failure (a reason)");
        }
        FailureReason reason;
        if (success != null) {
            if (!success.isBoolean() || !success.booleanValue()) {
                throw new InvalidRequestException("success", "must be true (give a failure reason otherwise), was "
                        + describe(success));
            }
            reason = FailureReason.NONE;
        } else {
            reason = failureReason(failure);
        }
        return new OutcomeReport(requestId(json), taskId.longValue(),
                optionalNode(json, "executor", OutcomeReport.DECIDED_TARGET), reason,
                requiredNonNegative(json, "latencyS", MAX_SECONDS));
    }

    /** The request's {@code requestId} if the body has a usable one, else {@code ""}: for error replies. */
    public String requestIdOf(byte[] body) {
        try {
            JsonNode json = reader.readTree(body);
            JsonNode id = json == null ? null : json.get("requestId");
            return id != null && id.isTextual() && id.textValue().length() <= MAX_REQUEST_ID ? id.textValue() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The reply to a decision request. */
    public String decision(LiveDecision decision) {
        ObjectNode json = mapper.createObjectNode();
        putRequestId(json, decision.requestId());
        json.put("taskId", decision.taskId());
        json.put("origin", decision.origin());
        json.put("target", decision.target());
        json.put("policy", decision.policy());
        ArrayNode scores = json.putArray("scores");
        for (LiveDecision.CandidateScore score : decision.scores()) {
            ObjectNode entry = scores.addObject();
            entry.put("node", score.node());
            number(entry, "score", score.score());
        }
        number(json, "decisionMicros", decision.decisionMicros());
        json.put("decidedAtMillis", decision.decidedAtMillis());
        return write(json);
    }

    /** The reply to an accepted outcome report. */
    public String accepted(OutcomeReport report) {
        ObjectNode json = mapper.createObjectNode();
        putRequestId(json, report.requestId());
        json.put("taskId", report.taskId());
        json.put("accepted", true);
        return write(json);
    }

    /** The reply to a request that could not be taken: {@code error} (the whole message), {@code field}, {@code problem}. */
    public String error(InvalidRequestException problem, String requestId) {
        ObjectNode json = mapper.createObjectNode();
        putRequestId(json, requestId);
        json.put("error", problem.getMessage());
        json.put("field", problem.field());
        json.put("problem", problem.problem());
        return write(json);
    }

    /** An error that is no one field's fault (authentication, a failed switch), as {@code {"error": message}}. */
    public String error(String message) {
        ObjectNode json = mapper.createObjectNode();
        json.put("error", message);
        return write(json);
    }

    // ---------------------------------------------------------------- reading

    private JsonNode object(byte[] body, Set<String> fields) throws InvalidRequestException {
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidRequestException("", "the body has " + body.length + " bytes, more than the "
                    + MAX_BODY_BYTES + " a request may have");
        }
        JsonNode json;
        try {
            json = reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("", InputErrors.describe(e, "the request"));
        } catch (IOException e) {
            throw new InvalidRequestException("", "the request cannot be read");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidRequestException("", "the body must be a JSON object, was "
                    + abbreviate(new String(body, StandardCharsets.UTF_8)));
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new InvalidRequestException(name, "is not a field of this request; the fields are "
                        + String.join(", ", Arrays.stream(fields.toArray(String[]::new)).sorted().toList()));
            }
        }
        return json;
    }

    private static String requestId(JsonNode json) throws InvalidRequestException {
        JsonNode id = json.get("requestId");
        if (id == null) {
            return "";
        }
        if (!id.isTextual() || id.textValue().length() > MAX_REQUEST_ID) {
            throw new InvalidRequestException("requestId", "must be a string of at most " + MAX_REQUEST_ID
                    + " characters, was " + describe(id));
        }
        return id.textValue();
    }

    private static double requiredPositive(JsonNode json, String field, double max) throws InvalidRequestException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException(field, "is required: a number greater than 0");
        }
        return positive(field, value, max);
    }

    private static double optionalPositive(JsonNode json, String field, double max) throws InvalidRequestException {
        JsonNode value = present(json, field);
        return value == null ? Double.NaN : positive(field, value, max);
    }

    /** An optional field's value; null when absent. {@code null} is refused: leave the field out instead. */
    private static JsonNode present(JsonNode json, String field) throws InvalidRequestException {
        JsonNode value = json.get(field);
        if (value != null && value.isNull()) {
            throw new InvalidRequestException(field, "is null; leave the field out to use its default");
        }
        return value;
    }

    private static double positive(String field, JsonNode value, double max) throws InvalidRequestException {
        if (!value.isNumber() || !(value.doubleValue() > 0) || value.doubleValue() > max) {
            throw new InvalidRequestException(field, "must be a number greater than 0 and at most " + format(max)
                    + ", was " + describe(value));
        }
        return value.doubleValue();
    }

    private static double requiredNonNegative(JsonNode json, String field, double max) throws InvalidRequestException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException(field, "is required: a number of seconds, 0 or more");
        }
        if (!value.isNumber() || !(value.doubleValue() >= 0) || value.doubleValue() > max) {
            throw new InvalidRequestException(field, "must be a number from 0 to " + format(max) + ", was "
                    + describe(value));
        }
        return value.doubleValue();
    }

    private static int optionalNode(JsonNode json, String field, int absent) throws InvalidRequestException {
        JsonNode value = present(json, field);
        if (value == null) {
            return absent;
        }
        if (!value.isInt() || value.intValue() < 0) {
            throw new InvalidRequestException(field, "must be a node id (a whole number, 0 or more), was "
                    + describe(value));
        }
        return value.intValue();
    }

    private static FailureReason failureReason(JsonNode failure) throws InvalidRequestException {
        List<String> reasons = Arrays.stream(FailureReason.values()).filter(r -> !r.isSuccess()).map(Enum::name).toList();
        if (failure.isTextual() && reasons.contains(failure.textValue())) {
            return FailureReason.valueOf(failure.textValue());
        }
        throw new InvalidRequestException("failure", "must be one of " + String.join(", ", reasons) + ", was "
                + describe(failure));
    }

    private static String describe(JsonNode value) {
        return value == null ? "missing" : abbreviate(value.toString());
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    // ---------------------------------------------------------------- writing

    private static void putRequestId(ObjectNode json, String requestId) {
        if (!requestId.isEmpty()) {
            json.put("requestId", requestId);
        }
    }

    /** JSON has no NaN: an unmeasured value is null. */
    private static void number(ObjectNode json, String field, double value) {
        if (Double.isFinite(value)) {
            json.put(field, value);
        } else {
            json.putNull(field);
        }
    }

    private String write(ObjectNode json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
