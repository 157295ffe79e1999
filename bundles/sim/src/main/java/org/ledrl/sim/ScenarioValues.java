package org.ledrl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * The flattened keys of one scenario (or of one part of it), taken out one by one as typed, checked values; a
 * key that is left over is unknown. Every problem is a {@link ScenarioException} naming the source, the key (and
 * whether it came from {@code --set}) and the problem.
 */
class ScenarioValues {
    final String source;
    final Map<String, JsonNode> values;
    final Set<String> fromSet;

    ScenarioValues(String source, Map<String, JsonNode> values, Set<String> fromSet) {
        this.source = source;
        this.values = values;
        this.fromSet = fromSet;
    }

    String key(String key) {
        return fromSet.contains(key) ? key + " (from --set)" : key;
    }

    ScenarioException error(String key, String problem) {
        return new ScenarioException(source, key(key), problem);
    }

    String text(String key, String defaultValue) throws ScenarioException {
        JsonNode node = values.remove(key);
        if (node == null) {
            return defaultValue;
        }
        if (!node.isValueNode() || node.isNull()) {
            throw error(key, "must be a text, not " + node.getNodeType());
        }
        return node.asText();
    }

    long whole(String key, long defaultValue) throws ScenarioException {
        return whole(key, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    long whole(String key, long defaultValue, long min, long max) throws ScenarioException {
        JsonNode node = values.remove(key);
        if (node == null) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error(key, "must be a whole number, not " + describe(node));
        }
        long value = node.asLong();
        if (value < min || value > max) {
            throw error(key, "must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    double real(String key, double defaultValue, double min, double max) throws ScenarioException {
        JsonNode node = values.remove(key);
        return node == null ? defaultValue : number(key, node, min, max);
    }

    double number(String key, JsonNode node, double min, double max) throws ScenarioException {
        if (!node.isNumber()) {
            throw error(key, "must be a number, not " + describe(node));
        }
        double value = node.asDouble();
        if (!Double.isFinite(value)) {
            throw error(key, "must be a finite number, not " + value);
        }
        if (value < min) {
            throw error(key, (min == 0 ? "must not be negative" : "must be at least " + min) + ", not " + value);
        }
        if (value > max) {
            throw error(key, "must be at most " + max + ", not " + value);
        }
        return value;
    }

    Range range(String key, Range defaultValue, double min) throws ScenarioException {
        JsonNode node = values.remove(key);
        if (node == null) {
            return defaultValue;
        }
        if (node.isNumber()) {
            return Range.of(number(key, node, min, Double.MAX_VALUE));
        }
        if (!node.isArray() || node.size() != 2) {
            throw error(key, "must be [min, max] or a single number, not " + describe(node));
        }
        double low = number(key, node.get(0), min, Double.MAX_VALUE);
        double high = number(key, node.get(1), min, Double.MAX_VALUE);
        if (low > high) {
            throw error(key, "min " + low + " is greater than max " + high);
        }
        return new Range(low, high);
    }

    static String describe(JsonNode node) {
        return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
    }

    boolean flag(String key, boolean defaultValue) throws ScenarioException {
        JsonNode node = values.remove(key);
        if (node == null) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            throw error(key, "must be true or false, not " + describe(node));
        }
        return node.asBoolean();
    }
}
