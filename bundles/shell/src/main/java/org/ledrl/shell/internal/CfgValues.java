package org.ledrl.shell.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * The value conversions of {@link CfgListValues}, without OSGi: a list written on one line of a
 * {@code .cfg} file, and the nearest known key to a misspelt one.
 */
final class CfgValues {

    private static final Set<String> FRAMEWORK_PREFIXES = Set.of("service.", "component.", "felix.", "osgi.",
            "objectClass", "webconsole.");

    private CfgValues() {
    }

    /**
     * The elements of a list written on one line: {@code a, b, c}, or {@code ["a", "b"]}. Blank
     * elements are dropped; an empty value is an empty list.
     */
    static String[] split(String value) {
        String text = value.strip();
        boolean bracketed = text.startsWith("[") && text.endsWith("]");
        if (bracketed) {
            text = text.substring(1, text.length() - 1);
        }
        List<String> elements = new ArrayList<>();
        for (String part : text.split(",")) {
            String element = part.strip();
            if (bracketed && element.length() >= 2 && element.startsWith("\"") && element.endsWith("\"")) {
                element = element.substring(1, element.length() - 1);
            }
            if (!element.isEmpty()) {
                elements.add(element);
            }
        }
        return elements.toArray(String[]::new);
    }

    /** Keys set by the platform rather than an operator: never reported as unknown. */
    static boolean isFrameworkKey(String key) {
        return FRAMEWORK_PREFIXES.stream().anyMatch(key::startsWith) || key.endsWith(".target")
                || key.endsWith(".cardinality.minimum");
    }

    /** Keys of the dictionary that are neither known nor the platform's own. */
    static List<String> unknownKeys(Dictionary<String, ?> properties, Set<String> known) {
        List<String> unknown = new ArrayList<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!known.contains(key) && !isFrameworkKey(key)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    /** The known key nearest to {@code key} when it is near enough to be a typo, else null. */
    static String nearest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(key.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    /** Edit distance (insertions, deletions, substitutions), two rows of the usual table. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
