package org.ledrl.live.internal;

/**
 * The MQTT topics of decisions, under a prefix ({@code ledrl/v1} by default, the same as telemetry's):
 * requests on {@code <prefix>/decision/request/<gateway>} and {@code <prefix>/outcome/request/<gateway>},
 * replies on the same topic with {@code reply} for {@code request}. {@code <gateway>} is any single
 * topic level the gateway picks (its client id, say); it only routes the reply.
 */
final class DecisionTopics {

    /** A request topic: whether it is an outcome (else a decision), and where its reply goes. */
    record Request(boolean outcome, String replyTopic) {
    }

    private final String prefix;

    DecisionTopics(String prefix) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (trimmed.isEmpty() || trimmed.contains("+") || trimmed.contains("#")) {
            throw new IllegalArgumentException("topicPrefix must be non-empty and free of wildcards, was '" + prefix + "'");
        }
        this.prefix = trimmed;
    }

    String[] filters() {
        return new String[] {prefix + "/decision/request/+", prefix + "/outcome/request/+"};
    }

    String decisionRequest(String gateway) {
        return prefix + "/decision/request/" + gateway;
    }

    String decisionReply(String gateway) {
        return prefix + "/decision/reply/" + gateway;
    }

    String outcomeRequest(String gateway) {
        return prefix + "/outcome/request/" + gateway;
    }

    String outcomeReply(String gateway) {
        return prefix + "/outcome/reply/" + gateway;
    }

    /** The request a topic carries, or null when it is not a request topic. */
    Request parse(String topic) {
        if (!topic.startsWith(prefix + "/")) {
            return null;
        }
        String[] parts = topic.substring(prefix.length() + 1).split("/", -1);
        if (parts.length != 3 || !parts[1].equals("request") || parts[2].isEmpty()) {
            return null;
        }
        return switch (parts[0]) {
            case "decision" -> new Request(false, decisionReply(parts[2]));
            case "outcome" -> new Request(true, outcomeReply(parts[2]));
            default -> null;
        };
    }
}
