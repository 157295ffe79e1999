package org.ledrl.prior;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.json.InputErrors;

/**
 * Checks an LLM's answer against {@link PriorSchema} and the observation it was asked about, and
 * turns it into a {@link StrategyPrior}. Tolerates what small models wrap around JSON (a
 * {@code <think>} block, a Markdown code fence), nothing else: every other deviation is a
 * {@link Verdict} with a reason and a detail that names the field and the value. Stateless.
 */
public final class PriorValidator {

    /** Longest rationale kept; a model that rambles is cut, not rejected. */
    public static final int MAX_RATIONALE = 400;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern THINK = Pattern.compile("(?s)<think>.*?</think>");
    private static final Pattern FENCE = Pattern.compile("(?s)^```(?:json)?\\s*(.*?)\\s*```$");

    private PriorValidator() {
    }

    /**
     * @param answer       the model's text
     * @param observation  what it was asked about (the candidates it may name)
     * @param model        recorded in the prior
     * @param issuedMillis recorded in the prior: when the situation it describes was observed
     */
    public static Verdict validate(String answer, Observation observation, String model, long issuedMillis) {
        int node = observation.agent();
        String text = strip(answer == null ? "" : answer);
        if (text.isEmpty()) {
            return Verdict.rejected(node, RejectionReason.NOT_JSON, "the answer is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Verdict.rejected(node, RejectionReason.NOT_JSON,
                    "the answer is not JSON (" + InputErrors.describe(e, "it") + "): " + excerpt(text));
        }
        if (root == null || !root.isObject()) {
            return Verdict.rejected(node, RejectionReason.NOT_JSON, "the answer is not a JSON object: " + excerpt(text));
        }
        for (String field : List.of("preferences", "strategy", "rationale")) {
            if (!root.hasNonNull(field)) {
                return Verdict.rejected(node, RejectionReason.MISSING_FIELD, "field \"" + field + "\" is missing");
            }
        }
        JsonNode prefs = root.get("preferences");
        if (!prefs.isArray()) {
            return Verdict.rejected(node, RejectionReason.WRONG_TYPE, "\"preferences\" must be an array, not " + prefs);
        }
        List<NodePreference> preferences = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < prefs.size(); i++) {
            JsonNode p = prefs.get(i);
            String where = "preferences[" + i + "]";
            if (!p.isObject()) {
                return Verdict.rejected(node, RejectionReason.WRONG_TYPE, where + " must be an object, not " + p);
            }
            for (String field : List.of("node", "preference", "avoid")) {
                if (!p.hasNonNull(field)) {
                    return Verdict.rejected(node, RejectionReason.MISSING_FIELD,
                            where + ": field \"" + field + "\" is missing");
                }
            }
            JsonNode id = p.get("node");
            if (!id.canConvertToExactIntegral() || !id.canConvertToInt()) {
                return Verdict.rejected(node, RejectionReason.WRONG_TYPE, where + ".node must be a node id, not " + id);
            }
            int candidate = id.asInt();
            if (observation.indexOf(candidate) < 0) {
                return Verdict.rejected(node, RejectionReason.UNKNOWN_NODE, where + ".node " + candidate
                        + " is not a candidate (candidates: " + candidateIds(observation) + ")");
            }
            if (!seen.add(candidate)) {
                return Verdict.rejected(node, RejectionReason.DUPLICATE_NODE, where + ".node " + candidate
                        + " appears more than once");
            }
            JsonNode value = p.get("preference");
            if (!value.isNumber()) {
                return Verdict.rejected(node, RejectionReason.WRONG_TYPE,
                        where + ".preference must be a number, not " + value);
            }
            double preference = value.asDouble();
            if (!(preference >= 0.0 && preference <= 1.0)) {
                return Verdict.rejected(node, RejectionReason.OUT_OF_RANGE,
                        where + ".preference " + value + " of node " + candidate + " is outside [0,1]");
            }
            JsonNode avoid = p.get("avoid");
            if (!avoid.isBoolean()) {
                return Verdict.rejected(node, RejectionReason.WRONG_TYPE,
                        where + ".avoid must be true or false, not " + avoid);
            }
            preferences.add(new NodePreference(candidate, preference, avoid.asBoolean()));
        }
        JsonNode strategyNode = root.get("strategy");
        if (!strategyNode.isTextual()) {
            return Verdict.rejected(node, RejectionReason.WRONG_TYPE, "\"strategy\" must be a string, not " + strategyNode);
        }
        GlobalStrategy strategy = strategy(strategyNode.asText());
        if (strategy == null) {
            return Verdict.rejected(node, RejectionReason.OUT_OF_RANGE, "strategy \"" + strategyNode.asText()
                    + "\" is not one of KEEP_LOCAL, SPREAD, AVOID_FAILING_REGION, PREFER_FAST_LINKS");
        }
        JsonNode rationale = root.get("rationale");
        if (!rationale.isTextual()) {
            return Verdict.rejected(node, RejectionReason.WRONG_TYPE, "\"rationale\" must be a string, not " + rationale);
        }
        String why = rationale.asText().strip();
        if (why.length() > MAX_RATIONALE) {
            why = why.substring(0, MAX_RATIONALE) + "...";
        }
        return Verdict.accepted(new StrategyPrior(node, preferences, strategy, why, model, issuedMillis));
    }

    private static GlobalStrategy strategy(String name) {
        String normal = name.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (GlobalStrategy s : GlobalStrategy.values()) {
            if (s != GlobalStrategy.NONE && s.name().equals(normal)) {
                return s;
            }
        }
        return null;
    }

    /** Removes a reasoning block and a Markdown fence around the JSON. */
    static String strip(String answer) {
        String text = THINK.matcher(answer).replaceAll("").strip();
        var fence = FENCE.matcher(text);
        return fence.matches() ? fence.group(1).strip() : text;
    }

    private static String candidateIds(Observation observation) {
        return String.join(", ", observation.candidates().stream().map(c -> String.valueOf(c.node())).toList());
    }

    private static String excerpt(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? "\"" + oneLine + "\"" : "\"" + oneLine.substring(0, 120) + "...\"";
    }
}
