package org.ledrl.telemetry.mqtt.internal;

import org.ledrl.telemetry.MalformedTelemetryException;

/**
 * The topic layout, under a configurable prefix ({@code ledrl/v1} by default):
 * {@code <prefix>/node/<node>/status} and {@code <prefix>/link/<a>-<b>/status} with {@code a < b}.
 * See README.md of this bundle.
 */
final class StatusTopics {

    private final String prefix;

    StatusTopics(String prefix) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (trimmed.isEmpty() || trimmed.contains("+") || trimmed.contains("#")) {
            throw new IllegalArgumentException("topic prefix must be non-empty and free of wildcards, was '" + prefix + "'");
        }
        this.prefix = trimmed;
    }

    String node(int node) {
        return prefix + "/node/" + node + "/status";
    }

    String link(int a, int b) {
        return prefix + "/link/" + Math.min(a, b) + "-" + Math.max(a, b) + "/status";
    }

    /** The subscriptions that receive every node's and every link's status. */
    String[] filters() {
        return new String[] {prefix + "/node/+/status", prefix + "/link/+/status"};
    }

    /** What a received topic addresses. */
    Address parse(String topic) throws MalformedTelemetryException {
        String rest = topic.startsWith(prefix + "/") ? topic.substring(prefix.length() + 1) : "";
        String[] parts = rest.split("/");
        if (parts.length != 3 || !parts[2].equals("status")) {
            throw new MalformedTelemetryException("unknown topic", "topic '" + topic + "' is not " + prefix
                    + "/node/<id>/status or " + prefix + "/link/<a>-<b>/status");
        }
        try {
            if (parts[0].equals("node")) {
                return new Address(false, Integer.parseInt(parts[1]), -1);
            }
            if (parts[0].equals("link")) {
                String[] ends = parts[1].split("-");
                if (ends.length == 2) {
                    return new Address(true, Integer.parseInt(ends[0]), Integer.parseInt(ends[1]));
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedTelemetryException("unknown topic", "topic '" + topic + "' does not name a node id or a link a-b");
    }

    /** A node ({@code link == false}, id in {@code a}) or a link between {@code a} and {@code b}. */
    record Address(boolean link, int a, int b) {
    }
}
