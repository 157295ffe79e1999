package org.ledrl.emulate.internal.soak;

import java.nio.file.Path;
import java.util.List;
import org.ledrl.api.command.Arguments;

/**
 * What a soak run does: how long, which profile, the load, and the targets it is judged by. Every value is checked
 * here, so a bad option is a usage error before anything starts.
 */
record SoakSettings(int minutes, String profile, int restRate, int mqttRate, int telemetryNodes,
        double outcomeShare, int switchSeconds, int swapMinutes, String javaOptions, double heapSlopeLimitMB,
        double rssSlopeLimitMB, Path out) {

    static final List<String> VALUED = List.of("minutes", "profile", "rate", "mqtt-rate", "telemetry-nodes",
            "outcomes", "switch-seconds", "swap-minutes", "java-opts", "heap-slope", "rss-slope", "out");

    /** The policies a soak switches between, every one shipped in both profiles and needing no LLM. */
    static final List<String> POLICIES = List.of("mappo", "greedy", "ledrl-heuristic", "heuristic-prior");

    static SoakSettings parse(List<String> args, Path home) throws Arguments.UsageException {
        Arguments a = Arguments.parse(args, VALUED, List.of());
        if (!a.positional().isEmpty()) {
            throw new Arguments.UsageException("unexpected argument '" + a.positional().get(0) + "'");
        }
        int minutes = a.intValue("minutes", -1);
        if (minutes < 1) {
            throw new Arguments.UsageException("--minutes is required: a whole number of minutes, 1 or more");
        }
        String profile = a.value("profile").orElse("edge");
        if (!profile.equals("edge") && !profile.equals("server")) {
            throw new Arguments.UsageException("--profile is edge or server, not '" + profile + "'");
        }
        int rate = a.intValue("rate", 300);
        int mqttRate = a.intValue("mqtt-rate", 30);
        int telemetryNodes = a.intValue("telemetry-nodes", 4);
        int switchSeconds = a.intValue("switch-seconds", 30);
        int swapMinutes = a.intValue("swap-minutes", 5);
        if (rate < 0 || rate > 10_000 || mqttRate < 0 || mqttRate > 10_000 || rate + mqttRate == 0) {
            throw new Arguments.UsageException("--rate and --mqtt-rate are decisions per second from 0 to 10000, not "
                    + "both 0");
        }
        if (telemetryNodes < 1 || telemetryNodes > 64) {
            throw new Arguments.UsageException("--telemetry-nodes is from 1 to 64, not " + telemetryNodes);
        }
        if (switchSeconds < 1 || swapMinutes < 1) {
            throw new Arguments.UsageException("--switch-seconds and --swap-minutes must be 1 or more");
        }
        double share = number(a, "outcomes", 0.7);
        if (!(share >= 0 && share <= 1)) {
            throw new Arguments.UsageException("--outcomes is the share of decisions whose outcome is reported, from 0 "
                    + "to 1, not " + a.value("outcomes").orElse(""));
        }
        double heapSlope = number(a, "heap-slope", 1.0);
        double rssSlope = number(a, "rss-slope", 5.0);
        if (!(heapSlope > 0) || !(rssSlope > 0)) {
            throw new Arguments.UsageException("--heap-slope and --rss-slope are MB per 10 minutes, more than 0");
        }
        Path out = home.resolve(a.value("out").orElse("runs/soak"));
        return new SoakSettings(minutes, profile, rate, mqttRate, telemetryNodes, share, switchSeconds, swapMinutes,
                a.value("java-opts").orElse(""), heapSlope, rssSlope, out);
    }

    private static double number(Arguments a, String name, double defaultValue) throws Arguments.UsageException {
        String text = a.value(name).orElse(null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("--" + name + " takes a number, not '" + text + "'");
        }
    }

    /** REST is served by the server profile only: on the edge profile every decision goes over MQTT. */
    int restDecisionsPerSecond() {
        return profile.equals("server") ? restRate : 0;
    }

    int mqttDecisionsPerSecond() {
        return profile.equals("server") ? mqttRate : restRate + mqttRate;
    }
}
