package org.ledrl.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ledrl.api.plugin.PluginProblem;

/**
 * The plugins of {@code deploy/} that do not run as asked (or were rolled back), added to the health
 * answer as {@code "plugins": [{"file", "bundle", "reason", "sinceMillis"}]}, empty when all is well.
 */
final class PluginsJson {

    private final ObjectMapper mapper = new ObjectMapper();

    /** The health object with its {@code plugins} list. */
    String addTo(String healthJson, List<PluginProblem> problems) {
        try {
            ObjectNode health = (ObjectNode) mapper.readTree(healthJson);
            ArrayNode plugins = health.putArray("plugins");
            for (PluginProblem problem : problems) {
                plugins.addObject().put("file", problem.file()).put("bundle", problem.bundle())
                        .put("reason", problem.reason()).put("sinceMillis", problem.sinceMillis());
            }
            return mapper.writeValueAsString(health);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the health answer is not a JSON object", e);
        }
    }
}
