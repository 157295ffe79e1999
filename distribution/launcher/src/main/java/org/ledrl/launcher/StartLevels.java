package org.ledrl.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Start levels by bundle symbolic name, from {@code ledrl.startlevel.<N> = name, prefix*, ...} in
 * {@code conf/config.properties}; a bundle named nowhere gets {@code felix.startlevel.bundle}.
 * Logging and its service-loader extender must start before anything logs, and Declarative
 * Services and Configuration Admin before the plugins, which is what these levels express.
 */
final class StartLevels {

    static final String PREFIX = "ledrl.startlevel.";
    static final String DEFAULT_KEY = "felix.startlevel.bundle";

    private record Rule(String pattern, int level) {
        boolean matches(String symbolicName) {
            return pattern.endsWith("*")
                    ? symbolicName.startsWith(pattern.substring(0, pattern.length() - 1))
                    : symbolicName.equals(pattern);
        }
    }

    private final List<Rule> rules;
    private final int defaultLevel;

    private StartLevels(List<Rule> rules, int defaultLevel) {
        this.rules = rules;
        this.defaultLevel = defaultLevel;
    }

    static StartLevels from(Map<String, String> config) throws LaunchException {
        int defaultLevel = level(DEFAULT_KEY, config.getOrDefault(DEFAULT_KEY, "1"));
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, String> e : config.entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            int level = level(e.getKey(), e.getKey().substring(PREFIX.length()));
            for (String pattern : e.getValue().split(",")) {
                if (!pattern.isBlank()) {
                    rules.add(new Rule(pattern.trim(), level));
                }
            }
        }
        // exact names win over prefixes, longer prefixes over shorter ones
        rules.sort((a, b) -> Integer.compare(specificity(b.pattern), specificity(a.pattern)));
        return new StartLevels(List.copyOf(rules), defaultLevel);
    }

    private static int specificity(String pattern) {
        return pattern.endsWith("*") ? pattern.length() : Integer.MAX_VALUE;
    }

    private static int level(String key, String text) throws LaunchException {
        return ConfigFile.atLeastOne(key, text, "a start level");
    }

    int levelOf(String symbolicName) {
        for (Rule rule : rules) {
            if (rule.matches(symbolicName)) {
                return rule.level;
            }
        }
        return defaultLevel;
    }

    int defaultLevel() {
        return defaultLevel;
    }
}
