package org.ledrl.api.model;

/**
 * Something that happened to the network: a failure or a recovery. {@code peer} is the other end
 * for link events and -1 for node events.
 */
public record EnvironmentEvent(long timeMillis, Type type, int node, int peer) {

    public enum Type {
        NODE_HARDWARE_FAILURE, NODE_SOFTWARE_FAILURE, NODE_REJOINED, LINK_FAILED, LINK_RESTORED
    }
}
