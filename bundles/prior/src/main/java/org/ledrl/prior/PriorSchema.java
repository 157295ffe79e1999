package org.ledrl.prior;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.Observation;

/**
 * The JSON schema an LLM's answer must match, sent as Ollama's {@code format} and as the
 * {@code response_format} json_schema of OpenAI-compatible servers. Node ids are limited to the
 * observation's candidates, so servers with grammar-constrained decoding cannot name another node.
 * {@link PriorValidator} checks the same rules, for servers that ignore the schema.
 */
public final class PriorSchema {

    /** The schema's name where the protocol asks for one. */
    public static final String NAME = "strategy_prior";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PriorSchema() {
    }

    /** The schema for an answer about {@code observation}'s candidates, as compact JSON text. */
    public static String forObservation(Observation observation) {
        return forCandidates(observation.candidates().stream().map(c -> c.node()).toList());
    }

    public static String forCandidates(List<Integer> nodeIds) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");

        ObjectNode preference = JSON.createObjectNode();
        preference.put("type", "object");
        ObjectNode p = preference.putObject("properties");
        ObjectNode node = p.putObject("node");
        node.put("type", "integer");
        ArrayNode ids = node.putArray("enum");
        nodeIds.forEach(ids::add);
        ObjectNode value = p.putObject("preference");
        value.put("type", "number");
        value.put("minimum", 0);
        value.put("maximum", 1);
        p.putObject("avoid").put("type", "boolean");
        preference.putArray("required").add("node").add("preference").add("avoid");
        preference.put("additionalProperties", false);

        ObjectNode preferences = properties.putObject("preferences");
        preferences.put("type", "array");
        preferences.set("items", preference);

        ObjectNode strategy = properties.putObject("strategy");
        strategy.put("type", "string");
        ArrayNode names = strategy.putArray("enum");
        for (GlobalStrategy s : GlobalStrategy.values()) {
            if (s != GlobalStrategy.NONE) {
                names.add(s.name());
            }
        }
        properties.putObject("rationale").put("type", "string");
        schema.putArray("required").add("preferences").add("strategy").add("rationale");
        schema.put("additionalProperties", false);
        return schema.toString();
    }
}
